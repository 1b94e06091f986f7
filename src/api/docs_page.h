// The self-contained API documentation page (no CDN: it renders
// /api/docs/openapi.json with a small script of its own).
#pragma once

#include <string_view>

namespace echotune::api {

extern const std::string_view kDocsPageHtml;
extern const std::string_view kDocsPageScript;

}  // namespace echotune::api
