// expect: failed
// No network: socket() is refused with EACCES (and the box has its own empty network namespace).
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int main() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  std::printf("socket: %s\n", fd >= 0 ? "created" : std::strerror(errno));
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(5432);
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof to) == 0) std::printf("ESCAPED: connected to postgres\n");
  else std::printf("connect: %s\n", std::strerror(errno));
  return 0;
}
