#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace stepwise::api::http {

// A parsed HTTP request, handed to the Handler by value (the handler owns it).
//
// Intentionally copyable.
struct Request {
  std::string method;  // as sent, for example "POST"
  std::string target;  // the request target as sent, for example "/" or "/path?query"
  // Header fields in the order received; names as the client spelled them.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The value of the first header field named `name` (ASCII case-insensitive), or nullopt. The
  // view points into `headers` and is valid while this Request lives and `headers` is unchanged.
  std::optional<std::string_view> Header(std::string_view name) const;
};

// The answer to a Request.
//
// The server sets Content-Length and Connection itself; fields with those names (and
// Transfer-Encoding) in `headers` are ignored, and so are fields whose name is not an HTTP token
// or whose value contains CR, LF or NUL. A status outside 200..599 is sent as 500. A body on a
// 204 or 304 response is dropped, as HTTP requires.
//
// Intentionally copyable.
struct Response {
  int status = 200;
  std::string content_type;  // Content-Type; omitted when empty
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Sends the response to one request. Callable from any thread, at any time: now, from inside the
// handler, or much later (a long poll answers up to a minute later). The first call wins; later
// calls are ignored. After the client disconnected or the server stopped it does nothing, and it
// stays safe to call (and to destroy) after the Server is destroyed.
//
// If every copy is destroyed without having been called, the server answers 500, so that a
// request a handler drops never hangs its connection.
using Respond = std::function<void(Response)>;

// Called once per request on one of the server's threads; must arrange for respond to be called.
// It should return quickly: while it runs, its server thread serves no other connection. With
// ServerOptions::threads > 1 it is called concurrently and must be thread-safe. An exception
// thrown by the handler before it responded is answered with 500.
using Handler = std::function<void(Request request, Respond respond)>;

// Default body limit. An AWS Step Functions state machine definition is at most 1 MiB and arrives
// as a JSON string inside the JSON request, where escaping can multiply its size (a control
// character becomes six bytes, \u001f); 8 MiB leaves room for that without inviting abuse.
inline constexpr size_t kDefaultMaxBodyBytes = 8 * 1024 * 1024;

struct ServerOptions {
  // A numeric IPv4 or IPv6 address, or a host name that resolves to one (an IPv4 address is
  // preferred, so "localhost" listens on 127.0.0.1).
  std::string host = "127.0.0.1";
  uint16_t port = 8083;  // 0: any free port; Server::port() tells which
  int threads = 1;       // threads running the server's I/O and calling the handler; at least 1
  // A larger body is refused with 413 and the connection is closed.
  size_t max_body_bytes = kDefaultMaxBodyBytes;
  // Larger request line plus header fields are refused with 431 and the connection is closed.
  uint32_t max_header_bytes = 16 * 1024;
  // How long a keep-alive connection may wait for the first byte of its next request.
  std::chrono::milliseconds idle_timeout{60'000};
  // How long the request line and header fields may take once the first byte arrived.
  std::chrono::milliseconds header_timeout{30'000};
  // How long the body may take once the header is complete.
  std::chrono::milliseconds body_timeout{60'000};
  // How long writing a response may take (a client that does not read is dropped).
  std::chrono::milliseconds write_timeout{60'000};
  // How long Stop waits for requests in progress to be answered before dropping them.
  std::chrono::milliseconds stop_timeout{5'000};
};

class ServerCore;  // Implementation detail (http_server.cc).

// An HTTP/1.0 and HTTP/1.1 server on Boost.Beast: a transport that knows nothing about what it
// serves. Each connection serves one request at a time (keep-alive; pipelined requests are read
// and answered in order, one after the other). `Expect: 100-continue` is answered with 100
// Continue, or with 413 at once when the announced body is too large.
//
// Malformed input is answered and the connection closed: 400 for a bad request line or header
// field, 413 for a body over the limit, 431 for a header over the limit. A client that
// disconnects or times out is dropped silently. None of these disturb other connections.
//
// Thread-safe. Start and Stop must not be called from the handler (a server thread).
class Server {
 public:
  // Listens on options.host:options.port and starts the server's threads. Errors:
  // "AddressInUse" (another socket listens on the port), "InvalidAddress" (the host does not
  // resolve), "InvalidArgument" (threads < 1), "ListenFailed" (any other failure to open, bind
  // or listen, or to start a thread); messages name host:port.
  static Result<std::unique_ptr<Server>> Start(ServerOptions options, Handler handler);

  // Calls Stop.
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port the server listens on (the one chosen when options.port was 0).
  uint16_t port() const;

  // Stops gracefully: closes the listening socket and idle connections, lets requests in progress
  // finish (their responses close their connections) for up to options.stop_timeout, then drops
  // what is left and joins the server's threads. Idempotent; a concurrent caller waits until the
  // first one finishes. A Respond called afterwards does nothing. Returns when every connection
  // is closed and the port is free; a handler still running on a server thread delays it.
  void Stop();

 private:
  explicit Server(std::unique_ptr<ServerCore> core);

  std::unique_ptr<ServerCore> core_;
};

}  // namespace stepwise::api::http
