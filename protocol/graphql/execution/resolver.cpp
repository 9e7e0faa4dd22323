#include "protocol/graphql/execution/resolver.hpp"

#include "protocol/graphql/execution/execution_state.hpp"

namespace streamhub::graphql {

field_error::field_error(std::string msg, std::string_view code) : message(std::move(msg)) {
  extensions.emplace_back("code", std::string(code));
}

field_error field_error::from(const streamhub::error& err) {
  return field_error(err.message, to_string(err.code));
}

void completer::resolve(value v) const {
  if (cell_ != nullptr) cell_->answer(std::move(v));
}

void completer::fail(field_error err) const {
  if (cell_ != nullptr) cell_->answer(std::move(err));
}

std::vector<path_segment> field_call::path() const {
  if (state_ != nullptr) return state_->current_path();
  return {std::string(info_->response_name)};
}

completer field_call::make_completer() const {
  if (state_ == nullptr) return {};
  auto cell = state_->new_pending();
  return cell != nullptr ? completer(std::move(cell)) : completer();
}

}  // namespace streamhub::graphql
