#include "http/openapi.h"

#include <boost/json/parse.hpp>

#include "http/rate_limiter.h"

namespace echotune::http {
namespace {

namespace json = boost::json;

json::object Parameter(const ParamDoc& p, const char* in) {
  json::object o;
  o["name"] = p.name;
  o["in"] = in;
  o["required"] = p.required || std::string_view(in) == "path";
  o["description"] = p.description;
  o["schema"] = json::object{{"type", p.type}};
  return o;
}

json::object ErrorResponseDoc(const char* description) {
  return json::object{
      {"description", description},
      {"content",
       {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json::object Components() {
  json::object error_schema{
      {"type", "object"},
      {"required", json::array{"success", "error", "code"}},
      {"properties",
       {{"success", {{"type", "boolean"}, {"example", false}}},
        {"error", {{"type", "string"}}},
        {"code", {{"type", "string"}, {"example", "VALIDATION_ERROR"}}},
        {"details", {{"type", "object"}}}}}};
  json::object success_schema{
      {"type", "object"},
      {"properties",
       {{"success", {{"type", "boolean"}, {"example", true}}},
        {"data", json::object{}},
        {"meta", {{"type", "object"}}}}}};
  return json::object{
      {"schemas", {{"Error", error_schema}, {"Success", success_schema}}},
      {"securitySchemes",
       {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}};
}

json::object Operation(const RouteSpec& r) {
  json::object op;
  op["summary"] = r.summary;
  op["tags"] = json::array{r.tag.empty() ? "system" : r.tag};
  op["operationId"] = std::string(beast_http::to_string(r.method)) + " " + r.pattern;
  json::array params;
  for (auto seg : SplitPath(r.pattern)) {
    if (seg.size() > 2 && seg.front() == '{') {
      params.push_back(Parameter(ParamDoc{std::string(seg.substr(1, seg.size() - 2)), "string",
                                          true, ""},
                                 "path"));
    }
  }
  for (const auto& q : r.query) params.push_back(Parameter(q, "query"));
  if (!params.empty()) op["parameters"] = std::move(params);
  if (!r.body_example.empty()) {
    boost::system::error_code ec;
    json::value example = json::parse(r.body_example, ec);
    op["requestBody"] = json::object{
        {"required", true},
        {"content", {{"application/json", {{"example", ec ? json::value() : example}}}}}};
  }
  if (r.auth) op["security"] = json::array{json::object{{"bearerAuth", json::array{}}}};
  json::object responses;
  responses["200"] = json::object{
      {"description", "OK"},
      {"content",
       {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Success"}}}}}}}};
  responses["400"] = ErrorResponseDoc("VALIDATION_ERROR");
  if (r.auth) responses["401"] = ErrorResponseDoc("MISSING_TOKEN or INVALID_TOKEN");
  if (GroupForPath(r.pattern) != RateGroup::kUnlimited) {
    responses["429"] = ErrorResponseDoc("RATE_LIMITED (see Retry-After)");
  }
  responses["500"] = ErrorResponseDoc("INTERNAL_ERROR");
  op["responses"] = std::move(responses);
  op["x-rate-limit-group"] = ToString(GroupForPath(r.pattern));
  return op;
}

}  // namespace

json::object BuildOpenApi(const Router& router, const std::string& version) {
  json::object paths;
  for (const auto& r : router.routes()) {
    auto& item = paths[r.pattern];
    if (!item.is_object()) item = json::object{};
    std::string method(beast_http::to_string(r.method));
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    item.as_object()[method] = Operation(r);
  }
  return json::object{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "EchoTune API"},
        {"version", version},
        {"description", "Self-hostable music discovery. Responses use the envelope "
                        "{success, data, meta} or {success: false, error, code, details}."}}},
      {"servers", json::array{json::object{{"url", "/"}}}},
      {"paths", std::move(paths)},
      {"components", Components()}};
}

}  // namespace echotune::http
