// expect: compile_error|compile_timeout
// An endless include: the preprocessor reads zeros until the memory or the time limit stops it.
#include "/dev/zero"

int main() { return 0; }
