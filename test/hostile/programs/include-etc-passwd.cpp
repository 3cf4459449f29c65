// expect: compile_error
// Reading a host file through the preprocessor, to see it in the compiler's error messages.
// The compiler runs in the box too, where /etc/passwd does not exist.
#include "/etc/passwd"

int main() { return 0; }
