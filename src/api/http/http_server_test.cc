#include "api/http/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace stepwise::api::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Every client operation gives up after this long, so that a server bug fails a test instead of
// hanging it.
constexpr auto kClientTimeout = std::chrono::seconds(10);

using ClientResponse = bhttp::response<bhttp::string_body>;

// A blocking HTTP client on its own io_context: each call runs one asynchronous operation to
// completion under a timeout.
class Client {
 public:
  explicit Client(uint16_t port) : stream_(io_context_) {
    stream_.expires_after(kClientTimeout);
    stream_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                          [this](beast::error_code ec) { error_ = ec; });
    RunOne();
  }

  // The error of the last operation.
  const beast::error_code& error() const { return error_; }

  bool WriteRaw(std::string_view bytes) {
    stream_.expires_after(kClientTimeout);
    net::async_write(stream_, net::buffer(bytes.data(), bytes.size()),
                     [this](beast::error_code ec, size_t) { error_ = ec; });
    RunOne();
    return !error_;
  }

  bool Send(bhttp::request<bhttp::string_body> request) {
    request.prepare_payload();
    stream_.expires_after(kClientTimeout);
    bhttp::async_write(stream_, request, [this](beast::error_code ec, size_t) { error_ = ec; });
    RunOne();
    return !error_;
  }

  bool Send(bhttp::verb method, std::string target, std::string body = "", unsigned version = 11) {
    bhttp::request<bhttp::string_body> request{method, target, version};
    request.set(bhttp::field::host, "127.0.0.1");
    request.body() = std::move(body);
    return Send(std::move(request));
  }

  // Reads one response; on failure error() says why.
  ClientResponse Read(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(head);
    stream_.expires_after(kClientTimeout);
    bhttp::async_read(stream_, buffer_, parser,
                      [this](beast::error_code ec, size_t) { error_ = ec; });
    RunOne();
    return parser.release();
  }

  ClientResponse RoundTrip(bhttp::verb method, std::string target, std::string body = "") {
    if (!Send(method, std::move(target), std::move(body))) return {};
    return Read();
  }

  // True when the server closed the connection: the next read ends the stream.
  bool ServerClosed() {
    char byte;
    stream_.expires_after(kClientTimeout);
    stream_.async_read_some(net::buffer(&byte, 1),
                            [this](beast::error_code ec, size_t) { error_ = ec; });
    RunOne();
    return error_ == net::error::eof || error_ == net::error::connection_reset;
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

 private:
  void RunOne() {
    io_context_.restart();
    io_context_.run();
  }

  net::io_context io_context_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  beast::error_code error_;
};

// Answers "<method> <target> <body>", with the request's X-Test header echoed as X-Echo.
void Echo(Request request, Respond respond) {
  Response response;
  response.content_type = "text/plain";
  response.body = request.method + " " + request.target + " " + request.body;
  if (auto value = request.Header("x-test")) response.headers.emplace_back("X-Echo", *value);
  respond(std::move(response));
}

ServerOptions TestOptions() {
  ServerOptions options;
  options.port = 0;
  return options;
}

std::unique_ptr<Server> StartServer(Handler handler, ServerOptions options = TestOptions()) {
  Result<std::unique_ptr<Server>> server = Server::Start(std::move(options), std::move(handler));
  EXPECT_TRUE(server.ok()) << server.error().name() << ": " << server.error().message();
  return server.ok() ? server.release_value() : nullptr;
}

// Checks that the server answers a fresh connection.
void ExpectServing(uint16_t port) {
  Client client(port);
  ClientResponse response = client.RoundTrip(bhttp::verb::get, "/still-there");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "GET /still-there ");
}

// Holds the Respond of requests a test answers itself.
class Parked {
 public:
  Handler handler() {
    return [this](Request request, Respond respond) {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(std::move(request));
      responds_.push_back(std::move(respond));
      changed_.notify_all();
    };
  }

  // Waits until `count` requests arrived; false on timeout.
  bool WaitFor(size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, kClientTimeout, [&] { return responds_.size() >= count; });
  }

  Respond respond(size_t index) {
    std::lock_guard<std::mutex> lock(mutex_);
    return responds_.at(index);
  }
  Request request(size_t index) {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_.at(index);
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return responds_.size();
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    responds_.clear();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Request> requests_;
  std::vector<Respond> responds_;
};

Response Text(std::string body, int status = 200) {
  Response response;
  response.status = status;
  response.content_type = "text/plain";
  response.body = std::move(body);
  return response;
}

TEST(HttpServerTest, GetRoundTrip) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  EXPECT_NE(server->port(), 0);
  Client client(server->port());
  ClientResponse response = client.RoundTrip(bhttp::verb::get, "/path?query=1");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "GET /path?query=1 ");
  EXPECT_EQ(response[bhttp::field::content_type], "text/plain");
  EXPECT_EQ(response[bhttp::field::content_length], "18");
}

TEST(HttpServerTest, PostRoundTripWithBodyAndHeaders) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/", 11};
  request.set("X-Test", "header value");
  request.set(bhttp::field::content_type, "application/x-amz-json-1.0");
  request.body() = R"({"name":"x"})";
  ASSERT_TRUE(client.Send(request));
  ClientResponse response = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), R"(POST / {"name":"x"})");
  EXPECT_EQ(response["X-Echo"], "header value");
}

TEST(HttpServerTest, RequestCarriesMethodTargetHeadersAndBody) {
  Parked parked;
  auto server = StartServer(parked.handler());
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  bhttp::request<bhttp::string_body> sent{bhttp::verb::post, "/a?b=c", 11};
  sent.set("X-Amz-Target", "AWSStepFunctions.StartExecution");
  sent.body() = "{}";
  ASSERT_TRUE(client.Send(sent));
  ASSERT_TRUE(parked.WaitFor(1));
  Request request = parked.request(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/a?b=c");
  EXPECT_EQ(request.body, "{}");
  EXPECT_EQ(request.Header("x-amz-TARGET"), "AWSStepFunctions.StartExecution");
  EXPECT_EQ(request.Header("content-length"), "2");
  EXPECT_FALSE(request.Header("X-Missing").has_value());
  parked.respond(0)(Text("ok"));
  EXPECT_EQ(client.Read().body(), "ok");
}

TEST(HttpServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ClientResponse first = client.RoundTrip(bhttp::verb::post, "/1", "one");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_TRUE(first.keep_alive());
  ClientResponse second = client.RoundTrip(bhttp::verb::post, "/2", "two");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(first.body(), "POST /1 one");
  EXPECT_EQ(second.body(), "POST /2 two");
}

TEST(HttpServerTest, Http10ClosesUnlessKeepAliveIsAsked) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  {
    Client client(server->port());
    ASSERT_TRUE(client.Send(bhttp::verb::get, "/", "", 10));
    ClientResponse response = client.Read();
    ASSERT_FALSE(client.error()) << client.error().message();
    EXPECT_EQ(response.version(), 10u);
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(client.ServerClosed());
  }
  {
    Client client(server->port());
    bhttp::request<bhttp::string_body> request{bhttp::verb::get, "/", 10};
    request.keep_alive(true);
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(client.Send(request));
      ClientResponse response = client.Read();
      ASSERT_FALSE(client.error()) << client.error().message();
      EXPECT_TRUE(response.keep_alive());
    }
  }
}

TEST(HttpServerTest, ConnectionCloseIsHonoured) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  bhttp::request<bhttp::string_body> request{bhttp::verb::get, "/", 11};
  request.keep_alive(false);
  ASSERT_TRUE(client.Send(request));
  ClientResponse response = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(
      client.WriteRaw("POST /1 HTTP/1.1\r\nContent-Length: 1\r\n\r\naPOST /2 "
                      "HTTP/1.1\r\nContent-Length: 1\r\n\r\nb"));
  EXPECT_EQ(client.Read().body(), "POST /1 a");
  EXPECT_EQ(client.Read().body(), "POST /2 b");
  ASSERT_FALSE(client.error()) << client.error().message();
}

TEST(HttpServerTest, HeadAnnouncesTheLengthWithoutTheBody) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.Send(bhttp::verb::head, "/x"));
  ClientResponse head = client.Read(/*head=*/true);
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(head[bhttp::field::content_length], "8");  // "HEAD /x "
  EXPECT_EQ(head.body(), "");
  // The connection is still in step: the next response parses.
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/y").body(), "GET /y ");
}

TEST(HttpServerTest, DelayedResponseFromAnotherThread) {
  std::vector<std::thread> responders;
  std::mutex mutex;
  auto server = StartServer([&](Request request, Respond respond) {
    std::lock_guard<std::mutex> lock(mutex);
    responders.emplace_back([request = std::move(request), respond = std::move(respond)] {
      std::this_thread::sleep_for(milliseconds(100));
      respond(Text("late " + request.body));
    });
  });
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  auto started = steady_clock::now();
  ClientResponse response = client.RoundTrip(bhttp::verb::post, "/", "poll");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_GE(steady_clock::now() - started, milliseconds(100));
  EXPECT_EQ(response.body(), "late poll");
  // The connection serves on after a late response.
  ClientResponse again = client.RoundTrip(bhttp::verb::post, "/", "again");
  EXPECT_EQ(again.body(), "late again");
  std::lock_guard<std::mutex> lock(mutex);
  for (std::thread& thread : responders) thread.join();
}

TEST(HttpServerTest, OnlyTheFirstRespondCounts) {
  auto server = StartServer([](Request, Respond respond) {
    respond(Text("first"));
    respond(Text("second"));
  });
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/").body(), "first");
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/").body(), "first");
}

TEST(HttpServerTest, RespondDroppedWithoutACallAnswers500) {
  auto server = StartServer([](Request, Respond) {});
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ClientResponse response = client.RoundTrip(bhttp::verb::get, "/");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 500);
}

TEST(HttpServerTest, ThrowingHandlerAnswers500AndServesOn) {
  auto server = StartServer([](Request request, Respond respond) {
    if (request.target == "/throw") throw std::runtime_error("boom");
    respond(Text("fine"));
  });
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/throw").result_int(), 500);
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/").body(), "fine");
}

TEST(HttpServerTest, InvalidStatusAndHeadersAreSanitized) {
  auto server = StartServer([](Request request, Respond respond) {
    Response response = Text("body", request.target == "/204" ? 204 : 1000);
    response.headers = {{"X-Good", "yes"},
                        {"X-Bad", "a\r\nInjected: 1"},
                        {"Bad Name", "x"},
                        {"Content-Length", "999"},
                        {"Connection", "close"}};
    respond(std::move(response));
  });
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ClientResponse response = client.RoundTrip(bhttp::verb::get, "/");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(response["X-Good"], "yes");
  EXPECT_EQ(response.count("X-Bad"), 0u);
  EXPECT_EQ(response.count("Injected"), 0u);
  EXPECT_EQ(response[bhttp::field::content_length], "4");
  EXPECT_TRUE(response.keep_alive());
  ClientResponse no_content = client.RoundTrip(bhttp::verb::get, "/204");
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(no_content.result_int(), 204);
  EXPECT_EQ(no_content.body(), "");
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/").result_int(), 500);
}

TEST(HttpServerTest, OversizedBodyGets413AndServerServesOn) {
  std::atomic<int> calls{0};
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024;
  auto server = StartServer(
      [&](Request request, Respond respond) {
        ++calls;
        Echo(std::move(request), std::move(respond));
      },
      options);
  ASSERT_NE(server, nullptr);
  {
    Client client(server->port());
    ClientResponse response = client.RoundTrip(bhttp::verb::post, "/", std::string(1025, 'x'));
    ASSERT_FALSE(client.error()) << client.error().message();
    EXPECT_EQ(response.result_int(), 413);
    EXPECT_FALSE(response.keep_alive());
    EXPECT_FALSE(response.body().empty());
    EXPECT_TRUE(client.ServerClosed());
  }
  {
    // Exactly at the limit is fine.
    Client client(server->port());
    EXPECT_EQ(client.RoundTrip(bhttp::verb::post, "/", std::string(1024, 'x')).result_int(), 200);
  }
  EXPECT_EQ(calls.load(), 1);
  ExpectServing(server->port());
}

TEST(HttpServerTest, OversizedUploadStillReceives413) {
  // The client sends a body far over the limit and reads only afterwards; the server must not
  // reset the connection under it before the 413 is read.
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024;
  auto server = StartServer(Echo, options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ClientResponse response =
      client.RoundTrip(bhttp::verb::post, "/", std::string(4 * 1024 * 1024, 'x'));
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 413);
}

TEST(HttpServerTest, OversizedChunkedBodyGets413) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 16;
  auto server = StartServer(Echo, options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(
      client.WriteRaw("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n"));
  ClientResponse response = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 413);
  ExpectServing(server->port());
}

TEST(HttpServerTest, ChunkedBodyWithinTheLimitIsRead) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.WriteRaw(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  EXPECT_EQ(client.Read().body(), "POST / abcde");
}

TEST(HttpServerTest, ExpectContinueGets100ThenTheResponse) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.WriteRaw(
      "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  ClientResponse interim = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(interim.result_int(), 100);
  ASSERT_TRUE(client.WriteRaw("hello"));
  ClientResponse response = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "POST /up hello");
}

TEST(HttpServerTest, ExpectContinueWithOversizedBodyGets413AtOnce) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024;
  auto server = StartServer(Echo, options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.WriteRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n"));
  ClientResponse response = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServerTest, GarbageGets400AndServerServesOn) {
  std::atomic<int> calls{0};
  auto server = StartServer([&](Request request, Respond respond) {
    ++calls;
    Echo(std::move(request), std::move(respond));
  });
  ASSERT_NE(server, nullptr);
  for (std::string_view garbage :
       {std::string_view("\x01\x02garbage\xff\r\n\r\n"), std::string_view("GET\r\n\r\n"),
        std::string_view("GET / HTTP/9.9\r\n\r\n"),
        std::string_view("GET / HTTP/1.1\r\nBad Header\r\n\r\n"),
        std::string_view("POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n")}) {
    Client client(server->port());
    ASSERT_TRUE(client.WriteRaw(garbage));
    ClientResponse response = client.Read();
    ASSERT_FALSE(client.error()) << garbage << ": " << client.error().message();
    EXPECT_EQ(response.result_int(), 400) << garbage;
    EXPECT_TRUE(client.ServerClosed()) << garbage;
  }
  EXPECT_EQ(calls.load(), 0);
  ExpectServing(server->port());
}

TEST(HttpServerTest, OversizedHeaderGets431) {
  ServerOptions options = TestOptions();
  options.max_header_bytes = 1024;
  auto server = StartServer(Echo, options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  bhttp::request<bhttp::string_body> request{bhttp::verb::get, "/", 11};
  request.set("X-Big", std::string(2048, 'h'));
  ASSERT_TRUE(client.Send(request));
  ClientResponse response = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.result_int(), 431);
  ExpectServing(server->port());
}

TEST(HttpServerTest, ClientClosingMidBodyIsDropped) {
  std::atomic<int> calls{0};
  auto server = StartServer([&](Request request, Respond respond) {
    ++calls;
    Echo(std::move(request), std::move(respond));
  });
  ASSERT_NE(server, nullptr);
  {
    Client client(server->port());
    ASSERT_TRUE(client.WriteRaw("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n0123456789"));
    client.Close();
  }
  {
    Client client(server->port());
    ASSERT_TRUE(client.WriteRaw("POST / HTTP/1.1\r\nContent-Len"));
    client.Close();
  }
  ExpectServing(server->port());
  EXPECT_EQ(calls.load(), 1);  // only ExpectServing's request
}

TEST(HttpServerTest, RespondAfterClientDisconnectedIsHarmless) {
  Parked parked;
  auto server = StartServer(parked.handler());
  ASSERT_NE(server, nullptr);
  {
    Client client(server->port());
    ASSERT_TRUE(client.Send(bhttp::verb::post, "/", "wait"));
    ASSERT_TRUE(parked.WaitFor(1));
    client.Close();
  }
  std::this_thread::sleep_for(milliseconds(50));
  parked.respond(0)(Text("nobody listens"));
  // Still serving; the parked handler answers from this thread.
  Client client(server->port());
  ASSERT_TRUE(client.Send(bhttp::verb::get, "/"));
  ASSERT_TRUE(parked.WaitFor(2));
  parked.respond(1)(Text("here"));
  EXPECT_EQ(client.Read().body(), "here");
}

TEST(HttpServerTest, RespondAfterServerDestroyedIsHarmless) {
  Parked parked;
  ServerOptions options = TestOptions();
  options.stop_timeout = milliseconds(100);
  auto server = StartServer(parked.handler(), options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.Send(bhttp::verb::post, "/", "wait"));
  ASSERT_TRUE(parked.WaitFor(1));
  Respond respond = parked.respond(0);
  parked.Clear();
  server.reset();
  respond(Text("too late"));
  // The connection was dropped by Stop.
  EXPECT_TRUE(client.ServerClosed());
}

TEST(HttpServerTest, PortInUseIsAnError) {
  auto first = StartServer(Echo);
  ASSERT_NE(first, nullptr);
  ServerOptions options = TestOptions();
  options.port = first->port();
  Result<std::unique_ptr<Server>> second = Server::Start(options, Echo);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().name(), "AddressInUse");
  EXPECT_NE(second.error().message().find("127.0.0.1:" + std::to_string(first->port())),
            std::string::npos)
      << second.error().message();
  ExpectServing(first->port());
}

TEST(HttpServerTest, BadOptionsAreErrors) {
  ServerOptions options = TestOptions();
  options.host = "no such host.invalid";
  Result<std::unique_ptr<Server>> bad_host = Server::Start(options, Echo);
  ASSERT_FALSE(bad_host.ok());
  EXPECT_EQ(bad_host.error().name(), "InvalidAddress");

  options = TestOptions();
  options.threads = 0;
  Result<std::unique_ptr<Server>> no_threads = Server::Start(options, Echo);
  ASSERT_FALSE(no_threads.ok());
  EXPECT_EQ(no_threads.error().name(), "InvalidArgument");

  options = TestOptions();
  options.host = "192.0.2.1";  // TEST-NET-1: not an address of this machine
  Result<std::unique_ptr<Server>> foreign = Server::Start(options, Echo);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().name(), "ListenFailed");
}

TEST(HttpServerTest, LocalhostListensOnIpv4) {
  ServerOptions options = TestOptions();
  options.host = "localhost";
  auto server = StartServer(Echo, options);
  ASSERT_NE(server, nullptr);
  ExpectServing(server->port());
}

TEST(HttpServerTest, IdleConnectionTimesOut) {
  ServerOptions options = TestOptions();
  options.idle_timeout = milliseconds(100);
  auto server = StartServer(Echo, options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/").result_int(), 200);
  auto started = steady_clock::now();
  EXPECT_TRUE(client.ServerClosed());
  EXPECT_LT(steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(HttpServerTest, SlowHeaderTimesOut) {
  ServerOptions options = TestOptions();
  options.header_timeout = milliseconds(100);
  auto server = StartServer(Echo, options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.WriteRaw("GET / HTTP/1.1\r\nHost:"));
  EXPECT_TRUE(client.ServerClosed());
  ExpectServing(server->port());
}

TEST(HttpServerTest, StopWithIdleConnectionReturnsPromptly) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client idle(server->port());
  EXPECT_EQ(idle.RoundTrip(bhttp::verb::get, "/").result_int(), 200);
  Client silent(server->port());  // connected, never sent a byte
  auto started = steady_clock::now();
  server->Stop();
  EXPECT_LT(steady_clock::now() - started, milliseconds(1000));
  EXPECT_TRUE(idle.ServerClosed());
  EXPECT_TRUE(silent.ServerClosed());
  server->Stop();  // idempotent
}

TEST(HttpServerTest, PortIsFreeAfterStop) {
  auto server = StartServer(Echo);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  EXPECT_EQ(client.RoundTrip(bhttp::verb::get, "/").result_int(), 200);
  server->Stop();
  ServerOptions options = TestOptions();
  options.port = server->port();
  auto successor = StartServer(Echo, options);
  ASSERT_NE(successor, nullptr);
  ExpectServing(successor->port());
}

TEST(HttpServerTest, StopUnderLoadIsClean) {
  net::thread_pool workers(2);
  ServerOptions options = TestOptions();
  options.threads = 2;
  auto server = StartServer(
      [&](Request request, Respond respond) {
        net::post(workers, [request = std::move(request), respond = std::move(respond)] {
          Echo(std::move(request), std::move(respond));
        });
      },
      options);
  ASSERT_NE(server, nullptr);
  std::atomic<bool> done{false};
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      while (!done.load()) {
        Client client(server->port());
        if (client.error()) continue;  // refused once the server stopped
        for (int r = 0; r < 5 && !client.error(); ++r) {
          if (client.RoundTrip(bhttp::verb::post, "/", "x").result_int() == 200) ++answered;
        }
      }
    });
  }
  while (answered.load() < 100) std::this_thread::sleep_for(milliseconds(1));
  server->Stop();
  done = true;
  for (std::thread& client : clients) client.join();
  workers.join();
}

TEST(HttpServerTest, StopLetsAResponseInProgressFinish) {
  Parked parked;
  auto server = StartServer(parked.handler());
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.Send(bhttp::verb::post, "/", "poll"));
  ASSERT_TRUE(parked.WaitFor(1));
  std::thread responder([respond = parked.respond(0)] {
    std::this_thread::sleep_for(milliseconds(200));
    respond(Text("final answer"));
  });
  auto started = steady_clock::now();
  server->Stop();
  auto stopped_after = steady_clock::now() - started;
  EXPECT_GE(stopped_after, milliseconds(150));
  // It waited for the response, not for the client to hang up.
  EXPECT_LT(stopped_after, milliseconds(1500));
  responder.join();
  ClientResponse response = client.Read();
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(response.body(), "final answer");
  EXPECT_FALSE(response.keep_alive());
}

TEST(HttpServerTest, StopDropsAHandlerThatNeverResponds) {
  Parked parked;
  ServerOptions options = TestOptions();
  options.stop_timeout = milliseconds(200);
  auto server = StartServer(parked.handler(), options);
  ASSERT_NE(server, nullptr);
  Client client(server->port());
  ASSERT_TRUE(client.Send(bhttp::verb::post, "/", "forever"));
  ASSERT_TRUE(parked.WaitFor(1));
  auto started = steady_clock::now();
  server->Stop();
  EXPECT_LT(steady_clock::now() - started, milliseconds(3000));
  EXPECT_TRUE(client.ServerClosed());
  parked.respond(0)(Text("after stop"));  // a no-op
  server.reset();
  parked.respond(0)(Text("after destruction"));  // still a no-op
}

TEST(HttpServerTest, ManyConcurrentClientsAreAllAnswered) {
  constexpr int kClients = 50;
  constexpr int kRequests = 20;
  // Responses come from a worker pool, as the engine's would.
  net::thread_pool workers(4);
  ServerOptions options = TestOptions();
  options.threads = 2;
  auto server = StartServer(
      [&](Request request, Respond respond) {
        net::post(workers, [request = std::move(request), respond = std::move(respond)] {
          Echo(std::move(request), std::move(respond));
        });
      },
      options);
  ASSERT_NE(server, nullptr);
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      Client client(server->port());
      for (int r = 0; r < kRequests; ++r) {
        std::string body = std::to_string(c) + "-" + std::to_string(r);
        ClientResponse response = client.RoundTrip(bhttp::verb::post, "/", body);
        if (!client.error() && response.body() == "POST / " + body) ++answered;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(answered.load(), kClients * kRequests);
  server->Stop();
  workers.join();
}

}  // namespace
}  // namespace stepwise::api::http
