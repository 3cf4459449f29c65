// The client's configuration: which server, and the API key to use there. Written by `wb login`
// to $XDG_CONFIG_HOME/wb/config (or ~/.config/wb/config), readable by its owner only.
#ifndef WB_CLIENT_CONFIG_H
#define WB_CLIENT_CONFIG_H

typedef struct {
  char *server;  // the base URL, no trailing slash: http://127.0.0.1:8080
  char *api_key; // as shown on the server's /whoami page
} WbConfig;

typedef enum {
  CONFIG_OK,
  CONFIG_MISSING, // not logged in yet
  CONFIG_INVALID, // unreadable or malformed: `problem` says why
} ConfigStatus;

// Where the configuration lives; NULL when neither XDG_CONFIG_HOME nor a home directory is known.
char *config_path(void);
// On CONFIG_INVALID, *problem (caller frees) says what is wrong, naming the file and line.
ConfigStatus config_load(WbConfig *config, char **problem);
// Creates the folder (0700) and writes the file (0600) atomically. 0, or -1 with errno set.
int config_save(const WbConfig *config);
void config_free(WbConfig *config);

// The server URL as stored: "http://" or "https://" followed by a host, trailing slashes removed.
// NULL when it is not such a URL.
char *config_normalize_server(const char *url);

#endif
