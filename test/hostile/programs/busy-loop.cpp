// expect: timeout
// Spins forever: stopped at the wall-clock limit (or the CPU-time limit, whichever first).
int main() {
  volatile unsigned long spins = 0;
  for (;;) spins = spins + 1;
}
