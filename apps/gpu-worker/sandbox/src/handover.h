/* Hands the seccomp listener fd from the program's side (which creates it) to the supervisor. */
#ifndef WB_HANDOVER_H
#define WB_HANDOVER_H

/* Sends `fd` over the connected unix socket `socket_fd`; -1 on failure. */
int send_fd(int socket_fd, int fd);

/* Receives one fd; -1 when the other side closed first (it died or failed) or on error. */
int receive_fd(int socket_fd);

#endif
