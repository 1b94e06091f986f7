// The one LLVMFuzzerInitialize every target links: logging off, so the
// fuzzer's output is its own.
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  echotune::fuzz::QuietLogs();
  return 0;
}
