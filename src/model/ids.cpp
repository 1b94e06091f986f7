#include "model/ids.h"

#include <string>

namespace echotune::model {

core::Result<core::ObjectId> ParseId(std::string_view text, std::string_view field) {
  if (auto id = core::ObjectId::Parse(text)) return *id;
  return core::Error::Validation(std::string(field),
                                 std::string(field) + " must be a 24-character hex id");
}

}  // namespace echotune::model
