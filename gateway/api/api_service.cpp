#include "gateway/api/api_service.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "gateway/api/api_schema.hpp"
#include "gateway/api/relay/topic_relay.hpp"
#include "gateway/api/request_context.hpp"
#include "protocol/graphql/execution/execute.hpp"
#include "protocol/graphql/execution/subscription.hpp"

namespace streamhub::gateway::api {

namespace {

using graphql::graphql_error;

graphql_error coded(std::string message, std::string_view code) {
  graphql_error e;
  e.message = std::move(message);
  e.set_extension("code", code);
  return e;
}

// Adds extensions.code to errors from the document cache and selection.
std::vector<graphql_error> with_code(std::span<const graphql_error> errors, std::string_view code) {
  std::vector<graphql_error> out(errors.begin(), errors.end());
  for (auto& e : out)
    if (e.code().empty()) e.set_extension("code", code);
  return out;
}

std::string errors_array(std::span<const graphql_error> errors) { return graphql::to_json(errors); }

std::shared_ptr<const std::string> shared(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

// Appends "extensions":{"position":"N"} to a complete response object.
void add_position(std::string& response, std::uint64_t position) {
  if (position == 0 || response.empty() || response.back() != '}') return;
  response.pop_back();
  response += ",\"extensions\":{\"position\":\"";
  response += std::to_string(position);
  response += "\"}}";
}

// extensions.minPosition of a request: a log position as a string (as
// extensions.position answers it) or a number; 0 when absent.
result<std::uint64_t> min_position_of(const std::string& extensions) {
  if (extensions.empty()) return std::uint64_t{0};
  const auto json = nlohmann::json::parse(extensions, nullptr, false);
  const auto bad = error{error_code::invalid, "extensions.minPosition must be a log position"};
  if (!json.is_object()) return std::uint64_t{0};
  const auto it = json.find("minPosition");
  if (it == json.end() || it->is_null()) return std::uint64_t{0};
  if (it->is_number_unsigned()) return it->get<std::uint64_t>();
  if (!it->is_string()) return bad;
  const auto& text = it->get_ref<const std::string&>();
  std::uint64_t position = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), position);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return bad;
  return position;
}

// The subscription handle the session keeps: cancelling leaves the stream.
class stream_handle final : public subscription {
 public:
  explicit stream_handle(std::shared_ptr<membership> stream) : stream_(std::move(stream)) {}
  ~stream_handle() override { cancel(); }
  void cancel() noexcept override {
    if (stream_) stream_->cancel();
  }

 private:
  std::shared_ptr<membership> stream_;
};

// The handle of a single-result operation: nothing to stop.
class finished_handle final : public subscription {
 public:
  void cancel() noexcept override {}
};

}  // namespace

result<std::unique_ptr<api_service>> api_service::create(api_services& services) {
  auto resolvers = make_api_resolvers();
  if (!resolvers) return std::move(resolvers).err();
  return std::unique_ptr<api_service>(new api_service(services, std::move(*resolvers)));
}

api_service::api_service(api_services& services, std::shared_ptr<const graphql::resolver_map> resolvers)
    : services_(services), resolvers_(std::move(resolvers)) {}

std::variant<api_service::admitted, api_service::refused> api_service::admit(
    const graphql_request& request, bool websocket) {
  const auto cached = documents_.get(resolvers_->schema_ptr(), request.query);
  if (!cached->valid())
    return refused{execution_outcome::request_error,
                   with_code(cached->errors(), cached->doc() ? "GRAPHQL_VALIDATION_FAILED"
                                                             : "GRAPHQL_PARSE_FAILED")};
  auto selected = cached->select(request.operation_name);
  if (!selected) return refused{execution_outcome::request_error, with_code(selected.errors(), "BAD_REQUEST")};
  const auto& chosen = **selected;
  const auto type = chosen.node->operation;
  if (type == graphql::operation_type::mutation && request.read_only)
    return refused{execution_outcome::mutation_not_allowed,
                   {coded("mutations are not allowed over GET; use POST", "BAD_REQUEST")}};
  if (type == graphql::operation_type::subscription && !websocket)
    return refused{execution_outcome::request_error,
                   {coded("subscriptions need the graphql-transport-ws WebSocket", "BAD_REQUEST")}};

  const auto& limits = services_.options;
  auto too_complex = [](std::string message) {
    return refused{execution_outcome::request_error, {coded(std::move(message), "QUERY_TOO_COMPLEX")}};
  };
  const auto& analysis = chosen.analysis;
  if (analysis.depth > limits.max_depth)
    return too_complex("query depth " + std::to_string(analysis.depth) + " exceeds " +
                       std::to_string(limits.max_depth));
  if (analysis.aliases > limits.max_aliases)
    return too_complex(std::to_string(analysis.aliases) + " aliases exceed " +
                       std::to_string(limits.max_aliases));

  auto op = prepared_.get(request.query, request.operation_name, [&] {
    return graphql::prepared_operation::prepare(resolvers_, cached->doc(), request.operation_name);
  });
  if (!op) return refused{execution_outcome::request_error, with_code(op.errors(), "BAD_REQUEST")};
  auto variables = graphql::coerce_variables(**op, request.variables);
  if (!variables) return refused{execution_outcome::request_error, with_code(variables.errors(), "BAD_USER_INPUT")};

  std::uint64_t cost = analysis.cost;
  if (analysis.cost_uses_variables) {
    const auto& vars = **variables;
    cost = graphql::analyze(resolvers_->schema(), *cached->doc(), *chosen.node,
                            [&vars](std::string_view name) -> std::optional<std::int64_t> {
                              const auto* v = vars.find(name);
                              return v ? v->get_int() : std::nullopt;
                            })
               .cost;
  }
  if (cost > limits.max_cost)
    return too_complex("query cost " + std::to_string(cost) + " exceeds " + std::to_string(limits.max_cost));
  auto min_position = min_position_of(request.extensions);
  if (!min_position)
    return refused{execution_outcome::request_error, {coded(min_position.err().message, "BAD_USER_INPUT")}};
  return admitted{std::move(*op), std::move(*variables), *min_position};
}

std::shared_ptr<request_context> api_service::context_for(const admitted& a, auth_context auth) {
  auto ctx = std::make_shared<request_context>(services_, std::move(auth));
  auto thread = ctx->auth.thread;
  ctx->post = [thread](graphql::task_fn task) { thread->post(std::move(task)); };
  ctx->min_position = a.min_position;
  ctx->read_deadline = std::chrono::steady_clock::now() + services_.options.read_your_writes_wait;
  return ctx;
}

void api_service::run(admitted a, std::shared_ptr<request_context> ctx,
                      std::function<void(execution_outcome, std::string)> done) {
  graphql::execution_options options;
  options.context = ctx.get();
  options.post = ctx->post;
  options.limits.max_response_bytes = services_.options.max_response_bytes;
  options.limits.max_resolver_calls = services_.options.max_resolver_calls;
  graphql::execute(std::move(a.op), std::move(a.variables), std::move(options),
                   [ctx, done = std::move(done)](graphql::execution_response r) {
                     add_position(r.json, ctx->max_position.load());
                     done(r.has_data ? execution_outcome::executed : execution_outcome::request_error,
                          std::move(r.json));
                   });
}

void api_service::execute(graphql_request request, auth_context auth, execute_callback done) {
  auto admission = admit(request, false);
  if (auto* no = std::get_if<refused>(&admission)) {
    done({no->outcome, shared(graphql::request_error_response(no->errors)), {}});
    return;
  }
  auto& a = std::get<admitted>(admission);
  auto ctx = context_for(a, std::move(auth));
  run(std::move(a), ctx,
      [done = std::move(done)](execution_outcome outcome, std::string body) {
        done({outcome, shared(std::move(body)), {}});
      });
}

std::unique_ptr<subscription> api_service::subscribe(graphql_request request, auth_context auth,
                                                     std::shared_ptr<subscription_sink> sink) {
  auto admission = admit(request, true);
  if (auto* no = std::get_if<refused>(&admission)) {
    sink->error(shared(errors_array(no->errors)));
    return std::make_unique<finished_handle>();
  }
  auto& a = std::get<admitted>(admission);
  auto ctx = context_for(a, std::move(auth));

  if (a.op->type() != graphql::operation_type::subscription) {
    run(std::move(a), ctx, [sink](execution_outcome outcome, std::string body) {
      if (outcome == execution_outcome::executed) {
        sink->next(shared(std::move(body)));
        sink->complete();
        return;
      }
      // {"errors":[...]} -> the array.
      const auto open = body.find('[');
      const auto close = body.rfind(']');
      sink->error(shared(open != std::string::npos && close != std::string::npos
                             ? body.substr(open, close - open + 1)
                             : errors_array({})));
    });
    return std::make_unique<finished_handle>();
  }

  ctx->sink = sink;
  ctx->op = a.op;
  ctx->variables = a.variables;
  ctx->variables_text = request.variables;
  auto stream = graphql::create_source_stream(*a.op, *a.variables, graphql::value(), ctx.get());
  if (!stream) {
    sink->error(shared(errors_array(stream.errors())));
    return std::make_unique<finished_handle>();
  }
  return std::make_unique<stream_handle>(std::static_pointer_cast<membership>(*stream));
}

}  // namespace streamhub::gateway::api
