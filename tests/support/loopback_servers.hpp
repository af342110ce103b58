// Test support: servers on 127.0.0.1 (ephemeral ports) for transport tests.
//
//   http_test_server   cpp-httplib; records every request (body gunzipped by
//                      httplib), answers with a responder the test sets.
//   raw_test_server    a plain socket server running one handler per
//                      connection: for answers no HTTP library would give
//                      (a reset mid-response, no answer at all, a proxy).
//   refused_port()     a port on which nothing listens.
//
// Every server stops and joins its threads in its destructor. Every wait is
// bounded by the caller's timeout.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sentry_test {

struct received_request {
  std::string method;
  std::string path;
  httplib::Headers headers;  // case-insensitive keys
  std::string body;          // after Content-Encoding is undone
  int remote_port = 0;       // the client's side of the connection

  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class http_test_server {
 public:
  using responder = std::function<void(const httplib::Request&, httplib::Response&)>;

  // port 0: an ephemeral one; else that port (a server coming back).
  explicit http_test_server(responder r = ok(), int port = 0) : responder_(std::move(r)) {
    // A client still connected when the server stops holds it this long.
    server_.set_keep_alive_timeout(1);
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      responder current;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back({req.method, req.path, req.headers, req.body, req.remote_port});
        current = responder_;
      }
      cv_.notify_all();
      current(req, res);
    });
    if (port == 0) {
      port_ = server_.bind_to_any_port("127.0.0.1");
    } else {
      port_ = server_.bind_to_port("127.0.0.1", port) ? port : -1;
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // Connections queue from bind on; stop() needs the loop to be running.
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ~http_test_server() {
    server_.stop();
    thread_.join();
  }

  static responder ok() {
    return [](const httplib::Request&, httplib::Response& res) {
      res.status = 200;
      res.set_content("{\"id\":\"00000000000000000000000000000000\"}", "application/json");
    };
  }
  static responder status(int code, httplib::Headers headers = {}) {
    return [code, headers](const httplib::Request&, httplib::Response& res) {
      res.status = code;
      for (const auto& [k, v] : headers) res.set_header(k.c_str(), v);
      res.set_content("{\"detail\":\"test\"}", "application/json");
    };
  }

  void set_responder(responder r) {
    std::lock_guard<std::mutex> lock(mutex_);
    responder_ = std::move(r);
  }
  int port() const { return port_; }
  std::string dsn(const std::string& project = "42") const {
    return "http://public@127.0.0.1:" + std::to_string(port_) + "/" + project;
  }
  std::vector<received_request> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::size_t count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_.size();
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return requests_.size() >= n; });
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::vector<received_request> requests_;
  responder responder_;
};

// Reads from `fd` until `\r\n\r\n` plus Content-Length bytes of body, or
// until `stop`/EOF/`timeout`. Returns what was read.
inline std::string read_http_request(int fd, const std::atomic<bool>& stop,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  std::string data;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t need = std::string::npos;
  while (!stop && std::chrono::steady_clock::now() < deadline) {
    if (need == std::string::npos) {
      const auto end = data.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        std::string lower = data.substr(0, end);
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto cl = lower.find("content-length:");
        if (cl != std::string::npos) length = std::stoul(lower.substr(cl + 15));
        need = end + 4 + length;
      }
    }
    if (need != std::string::npos && data.size() >= need) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    char buf[16384];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  return data;
}

inline bool write_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

inline int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

class raw_test_server {
 public:
  // Runs on its own thread per connection; `stop` turns true at destruction.
  using handler = std::function<void(int fd, const std::atomic<bool>& stop)>;

  explicit raw_test_server(handler h) : handler_(std::move(h)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~raw_test_server() {
    stop_ = true;
    acceptor_.join();
    for (auto& t : connections_) t.join();
    ::close(listen_fd_);
  }

  int port() const { return port_; }
  std::string dsn() const { return "http://public@127.0.0.1:" + std::to_string(port_) + "/42"; }
  int accepted() const { return accepted_.load(); }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++accepted_;
      connections_.emplace_back([this, fd] {
        handler_(fd, stop_);
        ::close(fd);
      });
    }
  }

  handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread acceptor_;
  std::vector<std::thread> connections_;
};

// A port that refuses connections (bound then released; nothing listens).
inline int refused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A forwarding HTTP proxy for plain http:// targets: records each request
// line it is asked for, forwards the request (origin form, Connection: close)
// to the target on loopback, relays the answer back.
class forwarding_proxy {
 public:
  forwarding_proxy()
      : server_([this](int fd, const std::atomic<bool>& stop) { serve(fd, stop); }) {}

  int port() const { return server_.port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
  std::vector<std::string> request_lines() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return lines_;
  }

 private:
  void serve(int fd, const std::atomic<bool>& stop) {
    const std::string request = read_http_request(fd, stop);
    const auto line_end = request.find("\r\n");
    if (line_end == std::string::npos) return;
    const std::string line = request.substr(0, line_end);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      lines_.push_back(line);
    }
    // "POST http://127.0.0.1:PORT/path HTTP/1.1"
    const auto scheme = line.find("http://");
    if (scheme == std::string::npos) return;
    const auto host_start = scheme + 7;
    const auto path_start = line.find('/', host_start);
    const auto colon = line.find(':', host_start);
    const int target_port = std::stoi(line.substr(colon + 1, path_start - colon - 1));
    std::string forwarded = line.substr(0, scheme) + line.substr(path_start);
    std::string rest = request.substr(line_end);
    // Ask the target to close after its answer, so EOF ends the relay.
    forwarded += "\r\nConnection: close" + rest;
    const int up = connect_loopback(target_port);
    if (up < 0) return;
    write_all(up, forwarded);
    char buf[16384];
    for (;;) {
      pollfd p{up, POLLIN, 0};
      if (stop || ::poll(&p, 1, 5000) <= 0) break;
      const ssize_t n = ::recv(up, buf, sizeof buf, 0);
      if (n <= 0) break;
      write_all(fd, std::string(buf, static_cast<std::size_t>(n)));
    }
    ::close(up);
  }

  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
  raw_test_server server_;
};

}  // namespace sentry_test
