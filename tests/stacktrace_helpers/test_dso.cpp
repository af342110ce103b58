// A tiny shared library the stack-trace tests dlopen to see the image list
// refresh (built twice: with a GNU build-id and without one).
extern "C" __attribute__((visibility("default"))) int sentry_test_dso_function(int x) {
  return x * 3 + 1;
}
