#include "core/clock.h"

namespace echotune::core {

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace echotune::core
