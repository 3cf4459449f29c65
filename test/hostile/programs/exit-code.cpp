// expect: runtime_error
// A non-zero exit status is the program's own failure.
#include <cstdlib>

int main() { std::exit(3); }
