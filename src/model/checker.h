// Checker: the validation rules of the data contract as a chain that keeps the
// first failure. Each rule names the field it checks (e.g. "audioFeatures.energy",
// "tracks[3].trackId"); Done() is OK or VALIDATION_ERROR with details.field.
//
//   return Checker().Required("name", p.name).Unit("energyLevel", p.energy_level).Done();
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace echotune::model {

class Checker {
 public:
  // Non-empty string.
  Checker& Required(std::string_view field, const std::string& value);
  // A finite number (NaN and infinities are refused everywhere).
  Checker& Finite(std::string_view field, std::optional<double> value);
  // lo <= value <= hi and finite; nullopt passes.
  Checker& Range(std::string_view field, std::optional<double> value, double lo, double hi);
  // 0 <= value <= 1 (audio features, weights, scores).
  Checker& Unit(std::string_view field, std::optional<double> value);
  Checker& IntRange(std::string_view field, std::optional<int64_t> value, int64_t lo, int64_t hi);
  // ISO 3166-1 alpha-2 (upper case, assigned code); nullopt passes.
  Checker& Country(std::string_view field, const std::optional<std::string>& value);
  // ISO 639-1 (lower case, assigned code); nullopt passes.
  Checker& Language(std::string_view field, const std::optional<std::string>& value);
  // Adds an error found elsewhere (keeps the first).
  Checker& Merge(const core::Status& status);
  Checker& Fail(std::string_view field, std::string message);

  bool ok() const { return !error_.has_value(); }
  [[nodiscard]] core::Status Done() const;

 private:
  std::optional<core::Error> error_;
};

bool IsCountryCode(std::string_view code);
bool IsLanguageCode(std::string_view code);

// "tracks[3]."-style prefixes for nested fields.
std::string Indexed(std::string_view array, size_t index);

}  // namespace echotune::model
