#include "protocol/graphql/parser.hpp"

#include <optional>
#include <utility>

#include "protocol/graphql/parser_impl.hpp"

namespace streamhub::graphql {

namespace detail {

namespace {

bool has_value(token_kind kind) noexcept {
  return kind == token_kind::name || kind == token_kind::int_ || kind == token_kind::float_ ||
         kind == token_kind::string || kind == token_kind::block_string;
}

// graphql-js getTokenDesc: `Name "foo"`, `"{"`, `<EOF>`.
std::string describe(const token& t) {
  std::string out(graphql::describe(t.kind));
  if (has_value(t.kind)) {
    out += " \"";
    out += t.value;
    out += '"';
  }
  return out;
}

// Nodes take roughly a few times the source's size; one arena block then
// usually holds the whole tree.
std::size_t arena_hint(std::string_view source) { return source.size() * 4 + 512; }

}  // namespace

parser::parser(std::string_view source, const parse_limits& limits)
    : limits_(limits),
      doc_(std::make_shared<document>(document::passkey{}, std::string(source), arena_hint(source))),
      source_(doc_->source()),
      lexer_(source_, &doc_->arena_) {
  stack_.reserve(1024);
}

graphql_error parser::take_error() const {
  return graphql_error("Syntax Error: " + error_message_,
                       document::locate(source_, error_offset_));
}

void parser::fail(std::uint32_t offset, std::string message) {
  if (ok()) {
    error_offset_ = offset;
    error_message_ = std::move(message);
  }
  tok_ = token{token_kind::eof, offset, offset, {}};
  has_peeked_ = false;
}

void parser::start() {
  const std::size_t bad = find_invalid_utf8(source_);
  if (bad != std::string_view::npos) {
    fail(static_cast<std::uint32_t>(bad), "Invalid UTF-8 byte sequence.");
    return;
  }
  advance();
}

void parser::advance() {
  if (!ok()) return;
  if (has_peeked_) {
    tok_ = peeked_;
    has_peeked_ = false;
  } else if (!lexer_.next(tok_)) {
    fail(lexer_.error_offset(), lexer_.error_message());
    return;
  }
  if (tok_.kind != token_kind::eof && ++token_count_ > limits_.max_tokens) {
    fail(tok_.start, "Document contains more than " + std::to_string(limits_.max_tokens) +
                         " tokens. Parsing aborted.");
  }
}

const token& parser::lookahead() {
  if (!has_peeked_ && ok()) {
    if (!lexer_.next(peeked_)) {
      fail(lexer_.error_offset(), lexer_.error_message());
      return tok_;
    }
    has_peeked_ = true;
  }
  return has_peeked_ ? peeked_ : tok_;
}

token parser::expect(token_kind kind) {
  const token t = tok_;
  if (t.kind == kind) {
    advance();
  } else {
    fail(t.start, "Expected " + std::string(graphql::describe(kind)) + ", found " + describe(t) + ".");
  }
  return t;
}

bool parser::expect_optional(token_kind kind) {
  if (tok_.kind != kind) return false;
  advance();
  return true;
}

void parser::expect_keyword(std::string_view word) {
  if (peek_keyword(word)) {
    advance();
  } else {
    fail(tok_.start, "Expected \"" + std::string(word) + "\", found " + describe(tok_) + ".");
  }
}

bool parser::expect_optional_keyword(std::string_view word) {
  if (!peek_keyword(word)) return false;
  advance();
  return true;
}

void parser::unexpected(const token& at) {
  fail(at.start, "Unexpected " + describe(at) + ".");
}

void parser::expect_end() { expect(token_kind::eof); }

bool parser::enter(std::uint32_t offset) {
  if (depth_ >= limits_.max_depth) {
    fail(offset, "Document exceeds the maximum nesting depth of " +
                     std::to_string(limits_.max_depth) + ".");
    return false;
  }
  ++depth_;
  return true;
}

// ------------------------------------------------------------- documents

void parser::parse_document(mode m) {
  start();
  do {
    parse_definition(m);
  } while (!expect_optional(token_kind::eof) && ok());
  doc_->definitions_ = pop<const definition_node*>(0);
}

void parser::parse_definition(mode m) {
  const definition_node* def = nullptr;
  if (peek(token_kind::brace_l)) {
    if (m == mode::type_system) return unexpected();
    def = parse_operation_definition();
  } else {
    const bool has_description = peek(token_kind::string) || peek(token_kind::block_string);
    const token keyword = has_description ? lookahead() : tok_;
    if (keyword.kind != token_kind::name) return unexpected(keyword);
    def = parse_type_system_definition(keyword);
    if (def == nullptr && ok()) {
      const std::string_view word = keyword.value;
      if (has_description) {
        return fail(tok_.start,
                    "Unexpected description, descriptions are supported only on type definitions.");
      }
      const bool executable = word == "query" || word == "mutation" ||
                              word == "subscription" || word == "fragment";
      if (executable && m == mode::any) {
        def = word == "fragment" ? parse_fragment_definition() : parse_operation_definition();
      } else if (word == "extend") {
        def = parse_type_system_extension();
      } else {
        return unexpected(keyword);
      }
    }
  }
  push(def);
}

const value_node* parser::parse_whole_value(bool constant) {
  start();
  auto* v = make<value_node>();
  *v = parse_value_literal(constant);
  expect_end();
  return v;
}

const type_node* parser::parse_whole_type() {
  start();
  const type_node* t = parse_type_reference();
  expect_end();
  return t;
}

// ------------------------------------------------------------ shared parts

name_node parser::parse_name() {
  const token t = expect(token_kind::name);
  return name_node{t.value, t.start};
}

value_node parser::parse_string_literal() {
  value_node v;
  v.kind = value_kind::string;
  v.block = tok_.kind == token_kind::block_string;
  v.offset = tok_.start;
  v.text = tok_.value;
  advance();
  return v;
}

value_node parser::parse_value_literal(bool constant) {
  value_node v;
  v.offset = tok_.start;
  switch (tok_.kind) {
    case token_kind::bracket_l: {
      if (!enter(tok_.start)) return v;
      advance();
      const std::size_t m = mark();
      while (ok() && !expect_optional(token_kind::bracket_r)) push(parse_value_literal(constant));
      leave();
      v.kind = value_kind::list;
      v.items = pop<value_node>(m);
      return v;
    }
    case token_kind::brace_l: {
      if (!enter(tok_.start)) return v;
      advance();
      const std::size_t m = mark();
      while (ok() && !expect_optional(token_kind::brace_r)) {
        object_field_node field;
        field.offset = tok_.start;
        field.name = parse_name();
        expect(token_kind::colon);
        field.value = parse_value_literal(constant);
        push(field);
      }
      leave();
      v.kind = value_kind::object;
      v.fields = pop<object_field_node>(m);
      return v;
    }
    case token_kind::int_:
    case token_kind::float_:
      v.kind = tok_.kind == token_kind::int_ ? value_kind::int_ : value_kind::float_;
      v.text = tok_.value;
      advance();
      return v;
    case token_kind::string:
    case token_kind::block_string:
      return parse_string_literal();
    case token_kind::name:
      v.text = tok_.value;
      if (v.text == "true" || v.text == "false") {
        v.kind = value_kind::boolean;
        v.boolean = v.text == "true";
      } else if (v.text == "null") {
        v.kind = value_kind::null;
      } else {
        v.kind = value_kind::enum_;
      }
      advance();
      return v;
    case token_kind::dollar:
      if (constant) {
        const token dollar = tok_;
        advance();
        if (peek(token_kind::name)) {
          fail(dollar.start,
               "Unexpected variable \"$" + std::string(tok_.value) + "\" in constant value.");
        } else {
          unexpected(dollar);
        }
        return v;
      }
      advance();
      v.kind = value_kind::variable;
      v.text = parse_name().value;
      return v;
    default:
      unexpected();
      return v;
  }
}

std::span<const argument_node> parser::parse_arguments(bool constant) {
  if (!expect_optional(token_kind::paren_l)) return {};
  const std::size_t m = mark();
  do {
    argument_node arg;
    arg.offset = tok_.start;
    arg.name = parse_name();
    expect(token_kind::colon);
    arg.value = parse_value_literal(constant);
    push(arg);
  } while (ok() && !expect_optional(token_kind::paren_r));
  return pop<argument_node>(m);
}

std::span<const directive_node> parser::parse_directives(bool constant) {
  const std::size_t m = mark();
  while (peek(token_kind::at)) {
    directive_node d;
    d.offset = tok_.start;
    advance();
    d.name = parse_name();
    d.arguments = parse_arguments(constant);
    push(d);
  }
  return pop<directive_node>(m);
}

const type_node* parser::parse_type_reference() {
  const std::uint32_t start = tok_.start;
  type_node* t = nullptr;
  if (peek(token_kind::bracket_l)) {
    if (!enter(start)) return nullptr;
    advance();
    const type_node* inner = parse_type_reference();
    expect(token_kind::bracket_r);
    leave();
    t = make<type_node>();
    t->kind = type_node_kind::list;
    t->of_type = inner;
  } else {
    t = make<type_node>();
    t->name = parse_named_type();
  }
  t->offset = start;
  if (!expect_optional(token_kind::bang)) return t;
  auto* non_null = make<type_node>();
  non_null->kind = type_node_kind::non_null;
  non_null->offset = start;
  non_null->of_type = t;
  return non_null;
}

}  // namespace detail

// ------------------------------------------------------------ entry points

namespace {

std::optional<graphql_error> check_size(std::string_view source, const parse_limits& limits) {
  if (source.size() <= limits.max_bytes) return std::nullopt;
  return graphql_error("Syntax Error: Document is larger than the limit of " +
                           std::to_string(limits.max_bytes) + " bytes.",
                       document::locate(source, limits.max_bytes));
}

outcome<std::shared_ptr<const document>> parse_document(std::string_view source,
                                                        const parse_limits& limits,
                                                        detail::parser::mode mode) {
  if (auto err = check_size(source, limits)) return std::move(*err);
  detail::parser p(source, limits);
  p.parse_document(mode);
  if (!p.ok()) return p.take_error();
  return std::shared_ptr<const document>(p.take_document());
}

}  // namespace

outcome<std::shared_ptr<const document>> parse_executable(std::string_view source,
                                                          const parse_limits& limits) {
  return parse_document(source, limits, detail::parser::mode::any);
}

outcome<std::shared_ptr<const document>> parse_sdl(std::string_view source,
                                                   const parse_limits& limits) {
  return parse_document(source, limits, detail::parser::mode::type_system);
}

outcome<parsed<value_node>> parse_value(std::string_view source, bool constant,
                                        const parse_limits& limits) {
  if (auto err = check_size(source, limits)) return std::move(*err);
  detail::parser p(source, limits);
  const value_node* v = p.parse_whole_value(constant);
  if (!p.ok()) return p.take_error();
  return parsed<value_node>{p.take_document(), v};
}

outcome<parsed<type_node>> parse_type(std::string_view source, const parse_limits& limits) {
  if (auto err = check_size(source, limits)) return std::move(*err);
  detail::parser p(source, limits);
  const type_node* t = p.parse_whole_type();
  if (!p.ok()) return p.take_error();
  return parsed<type_node>{p.take_document(), t};
}

}  // namespace streamhub::graphql
