// expect: failed
// Local services listen on unix sockets (PostgreSQL, Docker): neither the socket nor the path exists here.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <sys/socket.h>
#include <sys/un.h>

int main() {
  for (const char *path : {"/var/run/postgresql/.s.PGSQL.5432", "/var/run/docker.sock", "/run/systemd/private"}) {
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un to{};
    to.sun_family = AF_UNIX;
    std::strncpy(to.sun_path, path, sizeof to.sun_path - 1);
    if (fd >= 0 && connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof to) == 0) std::printf("ESCAPED: connected to %s\n", path);
    else std::printf("%s: %s\n", path, std::strerror(errno));
  }
  return 0;
}
