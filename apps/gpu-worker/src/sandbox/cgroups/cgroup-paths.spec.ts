import { ownCgroups } from './cgroup-paths';

// Trimmed from real machines: a VM with the v1 hierarchies (and an empty unified one), and a
// container whose cgroup namespace shows its own cgroup as the mount's root.
const V1_MOUNTINFO = [
  '30 22 0:26 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '31 30 0:27 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '34 30 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
  '38 30 0:34 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids',
  '40 30 0:36 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
  '41 22 0:37 / /proc rw,relatime - proc proc rw',
].join('\n');
const V1_CGROUP = ['9:name=systemd:/', '8:pids:/', '4:memory:/process_api/6805f1', '1:cpu:/', '0::/'].join('\n');

describe('ownCgroups', () => {
  it('finds each v1 controller folder of this process under its mount', () => {
    expect(ownCgroups(V1_MOUNTINFO, V1_CGROUP)).toEqual({
      v2: '/sys/fs/cgroup/unified',
      v1: { pids: '/sys/fs/cgroup/pids', memory: '/sys/fs/cgroup/memory/process_api/6805f1', cpu: '/sys/fs/cgroup/cpu' },
    });
  });

  it("takes the path relative to the mount's root, and skips a cgroup outside what is mounted", () => {
    const mountinfo = '25 20 0:23 /system.slice/wb-worker@cpu1.service /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate';
    expect(ownCgroups(mountinfo, '0::/system.slice/wb-worker@cpu1.service/wb-worker').v2).toBe('/sys/fs/cgroup/wb-worker');
    expect(ownCgroups(mountinfo, '0::/user.slice').v2).toBeNull();
  });

  it('reads octal escapes in mount points and ignores what is not a cgroup', () => {
    const mountinfo = '25 20 0:23 / /sys/fs/my\\040cgroups rw - cgroup2 cgroup2 rw\n26 20 0:24 / /tmp rw - tmpfs tmpfs rw';
    expect(ownCgroups(mountinfo, '0::/a')).toEqual({ v2: '/sys/fs/my cgroups/a', v1: {} });
  });
});
