/*
 * The libseccomp API the launcher uses.
 *
 * Normally this is just <seccomp.h> (Debian's libseccomp-dev). A GPU machine may have the
 * library (libseccomp2 is a dependency of systemd, so it is nearly always there) but not its
 * headers, and may have no network to install them; the Makefile then builds with
 * WB_SECCOMP_OWN_DECLS and these declarations of the same stable ABI (libseccomp 2.5), so the
 * GPU check still runs the real filter instead of none. Only what the launcher calls is here.
 * WB_NO_SECCOMP builds a launcher without any filter; it says so in --version and refuses the
 * run profiles unless told --allow-no-seccomp.
 */
#ifndef WB_SECCOMP_API_H
#define WB_SECCOMP_API_H

#if defined(WB_NO_SECCOMP)
#define WB_SECCOMP_KIND "off"
#elif defined(WB_SECCOMP_OWN_DECLS)
#define WB_SECCOMP_KIND "libseccomp (own declarations)"

#include <linux/seccomp.h>
#include <stdint.h>

typedef void *scmp_filter_ctx;
typedef uint64_t scmp_datum_t;

enum scmp_filter_attr {
  SCMP_FLTATR_ACT_DEFAULT = 1,
  SCMP_FLTATR_ACT_BADARCH = 2,
  SCMP_FLTATR_CTL_NNP = 3,
  SCMP_FLTATR_CTL_OPTIMIZE = 8,
};

enum scmp_compare {
  SCMP_CMP_NE = 1,
  SCMP_CMP_LT = 2,
  SCMP_CMP_LE = 3,
  SCMP_CMP_EQ = 4,
  SCMP_CMP_GE = 5,
  SCMP_CMP_GT = 6,
  SCMP_CMP_MASKED_EQ = 7,
};

struct scmp_arg_cmp {
  unsigned int arg;
  enum scmp_compare op;
  scmp_datum_t datum_a;
  scmp_datum_t datum_b;
};

#define SCMP_ACT_KILL_PROCESS 0x80000000U
#define SCMP_ACT_NOTIFY 0x7fc00000U
#define SCMP_ACT_ERRNO(x) (0x00050000U | ((x) & 0x0000ffffU))
#define SCMP_ACT_ALLOW 0x7fff0000U
#define SCMP_ARCH_NATIVE 0
#define __NR_SCMP_ERROR (-1)

scmp_filter_ctx seccomp_init(uint32_t def_action);
void seccomp_release(scmp_filter_ctx ctx);
int seccomp_attr_set(scmp_filter_ctx ctx, enum scmp_filter_attr attr, uint32_t value);
int seccomp_rule_add_array(scmp_filter_ctx ctx, uint32_t action, int syscall, unsigned int arg_cnt,
                           const struct scmp_arg_cmp *arg_array);
int seccomp_load(const scmp_filter_ctx ctx);
int seccomp_export_bpf(const scmp_filter_ctx ctx, int fd);
int seccomp_notify_fd(const scmp_filter_ctx ctx);
int seccomp_notify_alloc(struct seccomp_notif **req, struct seccomp_notif_resp **resp);
void seccomp_notify_free(struct seccomp_notif *req, struct seccomp_notif_resp *resp);
int seccomp_notify_receive(int fd, struct seccomp_notif *req);
int seccomp_notify_respond(int fd, struct seccomp_notif_resp *resp);
int seccomp_syscall_resolve_name(const char *name);
char *seccomp_syscall_resolve_num_arch(uint32_t arch_token, int num);
#else
#define WB_SECCOMP_KIND "libseccomp"
#include <seccomp.h>
#endif

#endif
