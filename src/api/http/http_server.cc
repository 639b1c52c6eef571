#include "api/http/http_server.h"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cassert>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace stepwise::api::http {

namespace net = boost::asio;
namespace beast = boost::beast;
// Not `http`: inside stepwise::api::http that name is this namespace.
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// How much a single read asks for when waiting for a request's first bytes or draining.
constexpr size_t kReadChunkBytes = 8 * 1024;

// After sending a response that closes the connection, the server stops sending and reads (and
// discards) what the client still sends, for up to this long, before closing. Closing a socket
// with unread input makes the kernel send RST, and an RST can destroy the response in the
// client's receive buffer before the client read it: the 413 for a large upload would be lost
// exactly when the client is still sending the body.
constexpr std::chrono::seconds kLingerTimeout{2};

// When accept fails for lack of resources (no file descriptors left), the next attempt waits
// this long instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

constexpr char kTextPlain[] = "text/plain; charset=utf-8";

// Guards every Respond against the server going away. A Respond posts to a session's strand only
// while holding the mutex and seeing `open`; Stop clears `open` before it stops the I/O threads
// and destroys the io_context, so no post ever reaches a destroyed io_context. Shared by the
// server and every Respond, so it outlives both.
struct Gate {
  std::mutex mutex;
  bool open = true;  // guarded by mutex
};

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool AsciiEqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// RFC 9110 token: what a field name may consist of.
bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// A field value must not smuggle in a line break (a second header, or the end of the header).
bool IsFieldValue(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// The fields whose values the server computes itself.
bool IsReservedField(std::string_view name) {
  return AsciiEqualsIgnoreCase(name, "Content-Length") ||
         AsciiEqualsIgnoreCase(name, "Transfer-Encoding") ||
         AsciiEqualsIgnoreCase(name, "Connection");
}

Response TextResponse(bhttp::status status, std::string_view text) {
  Response response;
  response.status = static_cast<int>(status);
  response.content_type = kTextPlain;
  response.body = std::string(text) + "\n";
  return response;
}

// True for errors that say the request's bytes are not HTTP (answered 400), false for those that
// say the client went away before the message was complete (dropped).
bool IsMalformedRequest(const beast::error_code& ec) {
  static const beast::error_category& category =
      bhttp::make_error_code(bhttp::error::bad_method).category();
  return ec.category() == category && ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message && ec != bhttp::error::short_read &&
         ec != bhttp::error::need_more && ec != bhttp::error::need_buffer;
}

std::string HostPort(const std::string& host, uint16_t port) {
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

class Session;

// The server proper: the listening socket, the io_context and its threads, and the registry of
// live connections. Server is a thin owner of one; the split keeps Boost out of the header.
class ServerCore {
 public:
  ServerCore(ServerOptions options, Handler handler);
  ~ServerCore();

  ServerCore(const ServerCore&) = delete;
  ServerCore& operator=(const ServerCore&) = delete;

  // Opens, binds and listens. Errors as documented at Server::Start.
  Result<void> Listen();
  // Starts accepting and the I/O threads.
  Result<void> Run();
  void Stop();

  uint16_t port() const { return port_; }
  const ServerOptions& options() const { return options_; }
  const Handler& handler() const { return handler_; }
  const std::shared_ptr<Gate>& gate() const { return gate_; }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  // Forgets a closed session. Called on the session's strand by the session, which holds a
  // reference to itself while it calls.
  void Unregister(Session* session);

 private:
  Result<tcp::endpoint> Resolve();
  Error ListenError(const beast::error_code& ec) const;
  void ThreadMain();
  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  // Adds a session to the registry; false once the server is stopping.
  bool Register(const std::shared_ptr<Session>& session);
  std::vector<std::shared_ptr<Session>> Sessions();
  // Waits until no session is registered or the deadline passes.
  void WaitForSessions(std::chrono::steady_clock::time_point deadline);
  void StopOnce();

  const ServerOptions options_;
  const Handler handler_;
  const std::shared_ptr<Gate> gate_ = std::make_shared<Gate>();

  // Declared before everything that lives in it, so that it is destroyed last: its destructor
  // destroys handlers that were never run, and with them the sessions they hold.
  net::io_context io_context_;
  // Keeps run() from returning while sessions wait for a Respond with no I/O outstanding.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  tcp::acceptor acceptor_;                // on its own strand
  net::steady_timer accept_retry_timer_;  // on the acceptor's strand
  uint16_t port_ = 0;

  std::atomic<bool> stopping_{false};  // written under mutex_
  std::mutex mutex_;
  std::condition_variable sessions_changed_;
  // Owns every open connection, so that one waiting for its Respond (no I/O outstanding) stays
  // alive while its Respond holds only a weak reference.
  std::unordered_map<Session*, std::shared_ptr<Session>> sessions_;  // guarded by mutex_

  std::vector<std::thread> threads_;
  std::once_flag stop_once_;
};

// One connection. Every member function runs on the session's strand except PostResponse; the
// strand serializes them even when several threads run the io_context.
//
// The cycle, one request at a time: wait for the first byte (idle timeout), read the header
// (header timeout), answer `Expect: 100-continue`, read the body (body timeout), hand the
// request to the handler, wait for its Respond (no timeout: long polls), write the response
// (write timeout), then either read the next request or close.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerCore* core, tcp::socket socket)
      : core_(core), executor_(socket.get_executor()), stream_(std::move(socket)) {}

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The session's strand.
  const net::any_io_executor& executor() const { return executor_; }

  void Start() {
    if (state_ == State::kClosed) return;
    ReadRequest();
  }

  // From any thread: queues the response to request `sequence` on the session's strand.
  void PostResponse(uint64_t sequence, Response response) {
    net::post(executor_,
              [self = shared_from_this(), sequence, response = std::move(response)]() mutable {
                self->OnResponse(sequence, std::move(response));
              });
  }

  // Stop has begun: close the connection if it waits for a request; otherwise let the request in
  // progress finish (its response closes the connection, because the server is stopping).
  void BeginShutdown() {
    if (state_ == State::kIdle || state_ == State::kLingering) Close();
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    stream_.close();
    core_->Unregister(this);
  }

 private:
  enum class State {
    kIdle,           // waiting for the first byte of a request
    kReadingHeader,  // reading the request line and header fields
    kContinuing,     // writing "100 Continue"
    kReadingBody,
    kHandling,  // the handler has the request; waiting for its Respond
    kWriting,
    kLingering,  // response sent, connection closing: discarding the client's remaining input
    kClosed,
  };

  void ReadRequest() {
    if (core_->stopping()) return Close();
    parser_.emplace();
    parser_->body_limit(static_cast<uint64_t>(core_->options().max_body_bytes));
    parser_->header_limit(core_->options().max_header_bytes);
    // A pipelined request may already be in the buffer.
    if (buffer_.size() > 0) return ReadHeader();
    state_ = State::kIdle;
    // A read of its own, rather than async_read_header with the idle timeout, so that a
    // connection is idle exactly until its first byte arrives: Stop closes idle connections and
    // the header timeout starts there.
    stream_.expires_after(core_->options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(kReadChunkBytes),
                            beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, size_t bytes) {
    if (state_ == State::kClosed) return;
    if (ec) return Close();  // the client closed, timed out, or the server is stopping
    buffer_.commit(bytes);
    ReadHeader();
  }

  void ReadHeader() {
    state_ = State::kReadingHeader;
    stream_.expires_after(core_->options().header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t /*bytes*/) {
    if (state_ == State::kClosed) return;
    // The parser checks Content-Length against the body limit here already, so a body that is
    // announced too large is refused before it is sent (when the client waits for 100).
    if (ec) return OnReadError(ec);
    const auto& header = parser_->get();
    if (!parser_->is_done() && header.version() >= 11 &&
        beast::iequals(header[bhttp::field::expect], "100-continue")) {
      state_ = State::kContinuing;
      continue_ = {bhttp::status::continue_, 11};
      stream_.expires_after(core_->options().write_timeout);
      bhttp::async_write(stream_, continue_,
                         beast::bind_front_handler(&Session::OnContinued, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinued(beast::error_code ec, size_t /*bytes*/) {
    if (state_ == State::kClosed) return;
    if (ec) return Close();
    ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) return Dispatch();
    state_ = State::kReadingBody;
    stream_.expires_after(core_->options().body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t /*bytes*/) {
    if (state_ == State::kClosed) return;
    if (ec) return OnReadError(ec);
    Dispatch();
  }

  void OnReadError(const beast::error_code& ec) {
    if (ec == bhttp::error::body_limit) {
      return SendError(bhttp::status::payload_too_large, "request body too large");
    }
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
      return SendError(bhttp::status::request_header_fields_too_large, "request header too large");
    }
    if (IsMalformedRequest(ec)) return SendError(bhttp::status::bad_request, "malformed request");
    Close();  // the client went away mid-request, timed out, or the server is stopping
  }

  // Answers a request that could not be read, and closes the connection: what follows in the
  // stream cannot be trusted to start a request.
  void SendError(bhttp::status status, std::string_view text) {
    request_unread_ = true;
    version_ = 11;
    keep_alive_ = false;
    head_ = false;
    Write(TextResponse(status, text));
  }

  // Defined after Responder.
  void Dispatch();

  void OnResponse(uint64_t sequence, Response response) {
    // The sequence check is a second line of defence: a Responder delivers at most once, and a
    // session handles one request at a time.
    if (state_ != State::kHandling || sequence != sequence_) return;
    Write(std::move(response));
  }

  void Write(Response response) {
    int status = response.status >= 200 && response.status <= 599 ? response.status : 500;
    response_ = {};
    response_.version(version_);
    response_.result(static_cast<unsigned>(status));
    if (!response.content_type.empty() && IsFieldValue(response.content_type)) {
      response_.set(bhttp::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) {
      if (IsToken(name) && IsFieldValue(value) && !IsReservedField(name)) {
        response_.insert(name, value);
      }
    }
    // 204 and 304 carry neither a body nor (here) a Content-Length. A response to HEAD announces
    // the length of the body it omits.
    if (status != 204 && status != 304) {
      response_.content_length(response.body.size());
      if (!head_) response_.body() = std::move(response.body);
    }
    close_after_write_ = !keep_alive_ || core_->stopping();
    response_.keep_alive(!close_after_write_);
    state_ = State::kWriting;
    stream_.expires_after(core_->options().write_timeout);
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::OnWritten, shared_from_this()));
  }

  void OnWritten(beast::error_code ec, size_t /*bytes*/) {
    if (state_ == State::kClosed) return;
    if (ec) return Close();
    response_ = {};  // frees the body
    if (close_after_write_ || core_->stopping()) {
      // Closing with unread input would reset the connection (see kLingerTimeout); without any,
      // the kernel still delivers the response before its FIN. A stopping server does not wait.
      if (request_unread_ || buffer_.size() > 0) return Linger();
      return Close();
    }
    ReadRequest();
  }

  void Linger() {
    if (core_->stopping()) return Close();
    state_ = State::kLingering;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(kLingerTimeout);  // a deadline for all the drain reads together
    Drain();
  }

  void Drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(kReadChunkBytes),
                            beast::bind_front_handler(&Session::OnDrained, shared_from_this()));
  }

  void OnDrained(beast::error_code ec, size_t /*bytes*/) {
    if (state_ == State::kClosed) return;
    if (ec) return Close();  // end of stream (the client closed too), timeout, or Stop
    Drain();
  }

  ServerCore* const core_;
  const net::any_io_executor executor_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::empty_body> continue_;
  bhttp::response<bhttp::string_body> response_;
  State state_ = State::kIdle;
  // Of the request being handled.
  uint64_t sequence_ = 0;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  bool close_after_write_ = false;
  // The response answers a request that was not read to its end (an error response).
  bool request_unread_ = false;
};

// The state behind one request's Respond (all its copies share one). Delivers at most one
// response: the first Send, or 500 when the last copy is destroyed without a Send.
class Responder {
 public:
  Responder(std::shared_ptr<Gate> gate, std::weak_ptr<Session> session, uint64_t sequence)
      : gate_(std::move(gate)), session_(std::move(session)), sequence_(sequence) {}

  ~Responder() {
    if (!answered_.exchange(true, std::memory_order_acq_rel)) {
      Deliver(TextResponse(bhttp::status::internal_server_error, "the request was not answered"));
    }
  }

  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;

  void Send(Response response) {
    if (!answered_.exchange(true, std::memory_order_acq_rel)) Deliver(std::move(response));
  }

 private:
  void Deliver(Response response) {
    std::lock_guard<std::mutex> lock(gate_->mutex);
    if (!gate_->open) return;
    // Declared inside the lock, so that if this is the session's last reference, the session
    // (and its socket) is destroyed while the io_context is certainly alive.
    if (std::shared_ptr<Session> session = session_.lock()) {
      session->PostResponse(sequence_, std::move(response));
    }
  }

  const std::shared_ptr<Gate> gate_;
  const std::weak_ptr<Session> session_;
  const uint64_t sequence_;
  std::atomic<bool> answered_{false};
};

void Session::Dispatch() {
  bhttp::request<bhttp::string_body> message = parser_->release();
  parser_.reset();
  version_ = message.version();
  keep_alive_ = message.keep_alive();
  head_ = message.method() == bhttp::verb::head;

  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());

  request_unread_ = false;
  state_ = State::kHandling;
  stream_.expires_never();
  ++sequence_;
  auto responder = std::make_shared<Responder>(core_->gate(), weak_from_this(), sequence_);
  try {
    core_->handler()(std::move(request),
                     [responder](Response response) { responder->Send(std::move(response)); });
  } catch (...) {
    // The handler is the application's code; its failure must not take a server thread down.
    responder->Send(TextResponse(bhttp::status::internal_server_error, "the handler failed"));
  }
}

ServerCore::ServerCore(ServerOptions options, Handler handler)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      work_(net::make_work_guard(io_context_)),
      acceptor_(net::make_strand(io_context_)),
      accept_retry_timer_(acceptor_.get_executor()) {}

ServerCore::~ServerCore() { Stop(); }

Result<tcp::endpoint> ServerCore::Resolve() {
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(options_.host, ec);
  if (!ec) return tcp::endpoint(address, options_.port);
  tcp::resolver resolver(io_context_);
  auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
  if (ec || results.empty()) {
    return Error("InvalidAddress", "cannot listen on " + HostPort(options_.host, options_.port) +
                                       ": the host does not resolve" +
                                       (ec ? " (" + ec.message() + ")" : std::string()));
  }
  for (const auto& entry : results) {
    if (entry.endpoint().address().is_v4()) return entry.endpoint();
  }
  return results.begin()->endpoint();
}

Error ServerCore::ListenError(const beast::error_code& ec) const {
  std::string where = HostPort(options_.host, options_.port);
  if (ec == net::error::address_in_use) {
    return Error("AddressInUse", "cannot listen on " + where + ": the address is already in use");
  }
  return Error("ListenFailed", "cannot listen on " + where + ": " + ec.message());
}

Result<void> ServerCore::Listen() {
  if (options_.threads < 1) {
    return Error("InvalidArgument", "the HTTP server needs at least 1 thread, not " +
                                        std::to_string(options_.threads));
  }
  tcp::endpoint endpoint = TRY(Resolve());
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return ListenError(ec);
  // Lets a restarted server bind while connections of its predecessor linger in TIME_WAIT. On
  // Linux it does not let two sockets listen on one port, so AddressInUse is still reported.
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return ListenError(ec);
  acceptor_.bind(endpoint, ec);
  if (ec) return ListenError(ec);
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return ListenError(ec);
  port_ = acceptor_.local_endpoint(ec).port();
  if (ec) return ListenError(ec);
  return Ok();
}

Result<void> ServerCore::Run() {
  Accept();
  try {
    for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { ThreadMain(); });
  } catch (const std::system_error& e) {
    // The destructor stops the threads that did start.
    return Error("ListenFailed", "cannot start the HTTP server's threads on " +
                                     HostPort(options_.host, port_) + ": " + e.what());
  }
  return Ok();
}

void ServerCore::ThreadMain() {
  for (;;) {
    try {
      io_context_.run();
      return;
    } catch (...) {
      // Only an allocation failure can escape a completion handler (the application's handler
      // is wrapped). The connection it served is left behind until Stop; the others are served
      // on.
    }
  }
}

void ServerCore::Accept() {
  acceptor_.async_accept(
      net::make_strand(io_context_),
      [this](beast::error_code ec, tcp::socket socket) { OnAccept(ec, std::move(socket)); });
}

void ServerCore::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open()) return;  // Stop closed it
  if (ec) {
    if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
        ec == net::error::no_memory || ec == beast::errc::too_many_files_open_in_system) {
      accept_retry_timer_.expires_after(kAcceptRetryDelay);
      accept_retry_timer_.async_wait([this](beast::error_code wait_error) {
        if (!wait_error && acceptor_.is_open()) Accept();
      });
      return;
    }
    return Accept();  // for example, a connection reset before it was accepted
  }
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);  // small responses go out at once
  auto session = std::make_shared<Session>(this, std::move(socket));
  // When stopping, the session is dropped and its destructor closes the socket.
  if (Register(session)) net::post(session->executor(), [session] { session->Start(); });
  Accept();
}

bool ServerCore::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_.load(std::memory_order_relaxed)) return false;
  sessions_.emplace(session.get(), session);
  return true;
}

void ServerCore::Unregister(Session* session) {
  std::shared_ptr<Session> forgotten;  // released after the lock
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sessions_.find(session);
    if (it == sessions_.end()) return;
    forgotten = std::move(it->second);
    sessions_.erase(it);
  }
  sessions_changed_.notify_all();
}

std::vector<std::shared_ptr<Session>> ServerCore::Sessions() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::shared_ptr<Session>> sessions;
  sessions.reserve(sessions_.size());
  for (const auto& [pointer, session] : sessions_) sessions.push_back(session);
  return sessions;
}

void ServerCore::WaitForSessions(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mutex_);
  sessions_changed_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
}

void ServerCore::Stop() {
  std::call_once(stop_once_, [this] { StopOnce(); });
}

void ServerCore::StopOnce() {
  for (const std::thread& thread : threads_) {
    assert(thread.get_id() != std::this_thread::get_id() && "Stop called from a server thread");
    (void)thread;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_.store(true, std::memory_order_release);
  }
  // 1. No new connections; idle ones close, busy ones close after their response.
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_timer_.cancel();
  });
  for (const std::shared_ptr<Session>& session : Sessions()) {
    net::post(session->executor(), [session] { session->BeginShutdown(); });
  }
  WaitForSessions(std::chrono::steady_clock::now() + options_.stop_timeout);

  // 2. Respond becomes a no-op, and what is left is closed.
  {
    std::lock_guard<std::mutex> lock(gate_->mutex);
    gate_->open = false;
  }
  for (const std::shared_ptr<Session>& session : Sessions()) {
    net::post(session->executor(), [session] { session->Close(); });
  }

  // 3. The threads end by themselves once everything queued has run: with the listening socket
  // and every connection closed, no operation is left to wait for. Not io_context::stop(), which
  // would leave queued handlers unrun until the Server is destroyed, and with them the listening
  // socket and any connection accepted meanwhile (a client would see neither close).
  work_.reset();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (AsciiEqualsIgnoreCase(field, name)) return std::string_view(value);
  }
  return std::nullopt;
}

Server::Server(std::unique_ptr<ServerCore> core) : core_(std::move(core)) {}

Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options, Handler handler) {
  auto core = std::make_unique<ServerCore>(std::move(options), std::move(handler));
  TRY(core->Listen());
  TRY(core->Run());
  return std::unique_ptr<Server>(new Server(std::move(core)));
}

uint16_t Server::port() const { return core_->port(); }

void Server::Stop() { core_->Stop(); }

}  // namespace stepwise::api::http
