// expect: compile_error|compile_timeout
// Includes itself twice at every level, without end: the preprocessor's depth limit (200)
// reports an error at the bottom, but every level still goes on to its second copy, 2^200
// paths in all, until the time or the memory limit stops the compiler.
#include __FILE__
#include __FILE__
int main() { return 0; }
