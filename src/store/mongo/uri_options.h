// WithUriOption: a MongoDB connection string with one more option, unless it
// already sets that option (names compare case-insensitively, as libmongoc's
// do). The batch commands (init-db, import, demo) use it to allow slow bulk
// writes (socketTimeoutMS=300000) where `serve` keeps the pool's 10 s. Pure.
#pragma once

#include <string>
#include <string_view>

namespace echotune::store::mongo {

std::string WithUriOption(const std::string& uri, std::string_view option, std::string_view value);

// For commands that write in bulk: socketTimeoutMS=300000 (libmongoc's own default)
// unless the URI says otherwise; an empty URI (the SQLite store) stays empty.
std::string WithBatchTimeouts(const std::string& uri);

}  // namespace echotune::store::mongo
