// expect: compile_error|compile_timeout
// Each instantiation needs two more: exponential work for the compiler.
template <int N, int M> struct Boom {
  static const long value = Boom<N - 1, M * 2>::value + Boom<N - 1, M * 2 + 1>::value;
};
template <int M> struct Boom<0, M> {
  static const long value = M;
};

int main() { return static_cast<int>(Boom<28, 1>::value); }
