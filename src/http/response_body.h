// ResponseBody: the Beast body type of every response. It holds either its
// own bytes or a shared, immutable buffer — a cached response (e.g. the
// serialised recommendations) is sent straight from the cache's copy,
// without copying it per request.
#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "http/stream_reply.h"

namespace echotune::http {

struct ResponseBody {
  // Not thread-safe (like std::string); the shared buffer itself is immutable.
  class value_type {
   public:
    value_type() = default;
    // Owned bytes (drops any shared buffer).
    value_type& operator=(std::string bytes) {
      owned_ = std::move(bytes);
      shared_.reset();
      return *this;
    }
    // Sends `bytes` as they are; they stay alive as long as this body does.
    // REQUIRES: bytes non-null.
    void Share(std::shared_ptr<const std::string> bytes) {
      shared_ = std::move(bytes);
      owned_.clear();
    }
    std::string_view view() const { return shared_ ? std::string_view(*shared_) : owned_; }
    size_t size() const { return view().size(); }
    bool empty() const { return view().empty(); }
    void clear() {
      owned_.clear();
      shared_.reset();
      stream_.reset();
    }
    // A streamed reply (stream_reply.h): the server sends it chunked instead of these bytes.
    void SetStream(StreamProducer producer) {
      stream_ = std::make_shared<const StreamProducer>(std::move(producer));
    }
    const std::shared_ptr<const StreamProducer>& stream() const { return stream_; }

   private:
    std::string owned_;
    std::shared_ptr<const std::string> shared_;  // set: sent instead of owned_
    std::shared_ptr<const StreamProducer> stream_;  // set: sent chunked by the server
  };

  static std::uint64_t size(const value_type& body) { return body.size(); }

  // The whole body as one buffer (Beast's BodyWriter concept).
  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const boost::beast::http::header<isRequest, Fields>&, const value_type& body)
        : body_(body) {}

    void init(boost::beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      ec = {};
      std::string_view bytes = body_.view();
      return {{const_buffers_type(bytes.data(), bytes.size()), false}};
    }

   private:
    const value_type& body_;
  };
};

}  // namespace echotune::http
