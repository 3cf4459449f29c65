// expect: failed
// The compiler's environment, through the preprocessor. /proc files report a size of 0, so
// g++ includes nothing and the program builds; it would show only the box's PATH, LANG,
// TMPDIR and HOME anyway. The test checks the worker's token appears nowhere.
#include "/proc/self/environ"

int main() { return 0; }
