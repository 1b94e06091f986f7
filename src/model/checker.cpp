#include "model/checker.h"

#include <cmath>
#include <sstream>

namespace echotune::model {
namespace {

// ISO 3166-1 alpha-2 and ISO 639-1, from Debian's iso-codes, two letters each.
constexpr std::string_view kCountries =
    "AWAFAOAIAXALADAEARAMASAQTFAGAUATAZBIBEBJBQBFBDBGBHBSBABLBYBZBMBOBRBBBNBTBVBWCFCACCCHCLCNCICM"
    "CDCGCKCOKMCVCRCUCWCXKYCYCZDEDJDMDKDODZECEGEREHESEEETFIFJFKFRFOFMGAGBGEGGGHGIGNGPGMGWGQGRGDGL"
    "GTGFGUGYHKHMHNHRHTHUIDIMINIOIEIRIQISILITJMJEJOJPKZKEKGKHKIKNKRKWLALBLRLYLCLILKLSLTLULVMOMFMA"
    "MCMDMGMVMXMHMKMLMTMMMEMNMPMZMRMSMQMUMWMYYTNANCNENFNGNINUNLNONPNRNZOMPKPAPNPEPHPWPGPLPRKPPTPY"
    "PSPFQARERORURWSASDSNSGGSSHSJSBSLSVSMSOPMRSSSSTSRSKSISESZSXSCSYTCTDTGTHTJTKTMTLTOTTTNTRTVTWTZ"
    "UGUAUMUYUSUZVAVCVEVGVIVNVUWFWSYEZAZMZW";
constexpr std::string_view kLanguages =
    "aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcydadedvdzeeeleneoeseteufafffifj"
    "fofrfygagdglgngugvhahehihohrhthuhyhziaidieigiiikioisitiujajvkakgkikjkkklkmknkokrkskukvkwkyla"
    "lblglilnloltlulvmgmhmimkmlmnmrmsmtmynanbndnengnlnnnonrnvnyocojomorospapiplpsptqurmrnrorurwsa"
    "scsdsesgsiskslsmsnsosqsrssstsusvswtatetgthtitktltntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu";

std::string Num(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

bool InPairs(std::string_view table, std::string_view code) {
  if (code.size() != 2) return false;
  for (size_t i = 0; i + 1 < table.size(); i += 2) {
    if (table.substr(i, 2) == code) return true;
  }
  return false;
}

}  // namespace

bool IsCountryCode(std::string_view code) { return InPairs(kCountries, code); }
bool IsLanguageCode(std::string_view code) { return InPairs(kLanguages, code); }

std::string Indexed(std::string_view array, size_t index) {
  return std::string(array) + "[" + std::to_string(index) + "].";
}

Checker& Checker::Fail(std::string_view field, std::string message) {
  if (!error_) error_ = core::Error::Validation(std::string(field), std::move(message));
  return *this;
}

Checker& Checker::Merge(const core::Status& status) {
  if (!status.ok() && !error_) error_ = status.error();
  return *this;
}

Checker& Checker::Required(std::string_view field, const std::string& value) {
  if (value.empty()) Fail(field, std::string(field) + " is required");
  return *this;
}

Checker& Checker::Finite(std::string_view field, std::optional<double> value) {
  if (value && !std::isfinite(*value)) Fail(field, std::string(field) + " must be a finite number");
  return *this;
}

Checker& Checker::Range(std::string_view field, std::optional<double> value, double lo,
                        double hi) {
  Finite(field, value);
  if (value && std::isfinite(*value) && (*value < lo || *value > hi)) {
    Fail(field, std::string(field) + " must be between " + Num(lo) +
                    " and " + Num(hi));
  }
  return *this;
}

Checker& Checker::Unit(std::string_view field, std::optional<double> value) {
  return Range(field, value, 0.0, 1.0);
}

Checker& Checker::IntRange(std::string_view field, std::optional<int64_t> value, int64_t lo,
                           int64_t hi) {
  if (value && (*value < lo || *value > hi)) {
    Fail(field, std::string(field) + " must be between " + std::to_string(lo) + " and " +
                    std::to_string(hi));
  }
  return *this;
}

Checker& Checker::Country(std::string_view field, const std::optional<std::string>& value) {
  if (value && !IsCountryCode(*value)) {
    Fail(field, std::string(field) + " must be an ISO 3166-1 alpha-2 code such as \"US\"");
  }
  return *this;
}

Checker& Checker::Language(std::string_view field, const std::optional<std::string>& value) {
  if (value && !IsLanguageCode(*value)) {
    Fail(field, std::string(field) + " must be an ISO 639-1 code such as \"en\"");
  }
  return *this;
}

core::Status Checker::Done() const {
  if (error_) return *error_;
  return core::Ok();
}

}  // namespace echotune::model
