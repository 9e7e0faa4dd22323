// Deferred resolvers: answers from other threads through the post hook,
// independent fields pending at once, mutation root fields in order, null
// propagation from answers that arrive after their pass.

#include "protocol/graphql/execution/execute.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "tests/protocol/graphql/execution/execution_fixture.hpp"

namespace streamhub::graphql::testing {
namespace {

constexpr std::string_view sdl = R"(
type Query {
  a: Item
  b: Item
  c: Item
  nonNull: Item!
  items: [Item]
  sync: Item
}
type Mutation { first: Item second: Item third: Item }
type Item {
  name: String
  nonNullName: String!
  child: Item
  nonNullChild: Item!
}
)";

/// The execution's own executor: tasks posted from any thread run on the
/// test's thread, when the test says so.
class task_queue {
 public:
  post_fn hook() {
    return [this](task_fn task) {
      {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
      }
      ready_.notify_one();
    };
  }

  /// Runs tasks, waiting for more, until `done` holds.
  template <class Done>
  void run_until(Done done) {
    while (!done()) {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !tasks_.empty(); });
      task_fn task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
    }
  }

  std::size_t size() {
    std::lock_guard lock(mutex_);
    return tasks_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<task_fn> tasks_;
};

struct waiting_field {
  std::string path;
  completer done;
};

class execute_async : public ::testing::Test {
 protected:
  execute_async() {
    resolvers_ = std::make_shared<resolver_map>(must_build(sdl));
    // Every bound field defers and parks its completer here.
    const resolver_fn deferred = [this](const field_call& call) {
      std::string path;
      for (const auto& seg : call.path()) {
        if (const auto* name = std::get_if<std::string>(&seg)) path += "/" + *name;
        else path += "/" + std::to_string(std::get<std::size_t>(seg));
      }
      return call.defer([&](completer done) { waiting_.push_back({path, std::move(done)}); });
    };
    for (const char* field : {"a", "b", "c", "nonNull", "items"}) {
      EXPECT_TRUE(resolvers_->bind("Query", field, deferred));
    }
    for (const char* field : {"first", "second", "third"}) {
      EXPECT_TRUE(resolvers_->bind("Mutation", field, deferred));
    }
    EXPECT_TRUE(resolvers_->bind("Item", "child", deferred));
    EXPECT_TRUE(resolvers_->bind("Item", "nonNullChild", deferred));
    EXPECT_TRUE(resolvers_->bind("Query", "sync", [](const field_call&) -> field_result {
      return props({{"name", "s"}});
    }));
  }

  void start(std::string_view query) {
    execution_options options;
    options.post = queue_.hook();
    execute(must_prepare(resolvers_, query), "", std::move(options), [this](execution_response r) {
      EXPECT_EQ(std::this_thread::get_id(), test_thread_);
      EXPECT_FALSE(response_.has_value()) << "done called twice";
      response_ = std::move(r.json);
    });
  }

  /// Answers the waiting fields (by index) from another thread, in the
  /// given order, then runs the posted tasks until `expected_waiting` more
  /// fields wait, or (0) until the response is there.
  void answer_from_thread(std::vector<std::pair<std::size_t, value>> answers,
                          std::size_t expected_waiting) {
    std::vector<completer> targets;
    for (auto& [index, v] : answers) targets.push_back(waiting_.at(index).done);
    std::thread worker([&] {
      for (std::size_t i = 0; i < answers.size(); ++i) targets[i].resolve(answers[i].second);
    });
    worker.join();
    targets.clear();
    const std::size_t before = waiting_.size();
    queue_.run_until([&] {
      return response_.has_value() || (expected_waiting != 0 && waiting_.size() >= before + expected_waiting);
    });
  }

  std::vector<std::string> waiting_paths() const {
    std::vector<std::string> paths;
    for (const auto& w : waiting_) paths.push_back(w.path);
    return paths;
  }

  std::shared_ptr<resolver_map> resolvers_;
  task_queue queue_;
  std::vector<waiting_field> waiting_;
  std::optional<std::string> response_;
  const std::thread::id test_thread_ = std::this_thread::get_id();
};

TEST_F(execute_async, IndependentFieldsArePendingAtOnceAndKeepSelectionOrder) {
  start("{ a { name } sync { name } b { name } c { name } }");
  ASSERT_FALSE(response_);
  EXPECT_EQ(waiting_paths(), (std::vector<std::string>{"/a", "/b", "/c"}));
  answer_from_thread({{2, props({{"name", "C"}})}, {0, props({{"name", "A"}})}, {1, props({{"name", "B"}})}}, 0);
  ASSERT_TRUE(response_);
  EXPECT_EQ(*response_,
            R"({"data":{"a":{"name":"A"},"sync":{"name":"s"},"b":{"name":"B"},"c":{"name":"C"}}})");
}

TEST_F(execute_async, NestedDeferredFieldsInListsCompleteOutOfOrder) {
  start("{ items { name child { name } } }");
  ASSERT_EQ(waiting_.size(), 1u);
  answer_from_thread({{0, list({props({{"name", "x"}}), nullptr, props({{"name", "y"}})})}}, 2);
  EXPECT_EQ(waiting_paths(), (std::vector<std::string>{"/items", "/items/0/child", "/items/2/child"}));
  answer_from_thread({{2, props({{"name", "y1"}})}, {1, nullptr}}, 0);
  ASSERT_TRUE(response_);
  EXPECT_EQ(*response_,
            R"({"data":{"items":[{"name":"x","child":null},null,{"name":"y","child":{"name":"y1"}}]}})");
}

TEST_F(execute_async, MutationFieldsWaitForThePreviousOneAndItsSubSelections) {
  start("mutation { first { name child { name } } second { name } third { name } }");
  EXPECT_EQ(waiting_paths(), (std::vector<std::string>{"/first"}));
  answer_from_thread({{0, props({{"name", "1"}})}}, 1);
  // first's sub-selection is still pending: second has not started.
  EXPECT_EQ(waiting_paths(), (std::vector<std::string>{"/first", "/first/child"}));
  answer_from_thread({{1, props({{"name", "1c"}})}}, 1);
  EXPECT_EQ(waiting_paths(), (std::vector<std::string>{"/first", "/first/child", "/second"}));
  answer_from_thread({{2, props({{"name", "2"}})}}, 1);
  answer_from_thread({{3, props({{"name", "3"}})}}, 0);
  ASSERT_TRUE(response_);
  EXPECT_EQ(*response_,
            R"({"data":{"first":{"name":"1","child":{"name":"1c"}},"second":{"name":"2"},"third":{"name":"3"}}})");
}

TEST_F(execute_async, LateNonNullFailureNullsTheNearestNullableAncestor) {
  start("{ a { name nonNullChild { nonNullName } } b { name } }");
  answer_from_thread({{0, props({{"name", "A"}})}, {1, props({{"name", "B"}})}}, 1);
  ASSERT_EQ(waiting_paths(), (std::vector<std::string>{"/a", "/b", "/a/nonNullChild"}));
  answer_from_thread({{2, props({{"nonNullName", nullptr}})}}, 0);
  ASSERT_TRUE(response_);
  EXPECT_EQ(*response_,
            R"({"data":{"a":null,"b":{"name":"B"}},"errors":[{"message":"Cannot return null for non-nullable field Item.nonNullName.",)"
            R"("locations":[{"line":1,"column":27}],"path":["a","nonNullChild","nonNullName"]}]})");
}

TEST_F(execute_async, LateFailureOfANonNullRootFieldNullsData) {
  start("{ a { name } nonNull { name } }");
  waiting_.at(1).done.fail(field_error("gone", "NOT_FOUND"));
  answer_from_thread({{0, props({{"name", "A"}})}}, 0);
  ASSERT_TRUE(response_);
  EXPECT_EQ(*response_,
            R"({"data":null,"errors":[{"message":"gone","locations":[{"line":1,"column":14}],"path":["nonNull"],"extensions":{"code":"NOT_FOUND"}}]})");
}

TEST_F(execute_async, PendingFieldInsideASynchronouslyNulledObjectIsAwaitedThenDropped) {
  start("{ sync { child { name } nonNullName } }");
  ASSERT_FALSE(response_);
  ASSERT_EQ(waiting_paths(), (std::vector<std::string>{"/sync/child"}));
  answer_from_thread({{0, props({{"name", "late"}})}}, 0);
  ASSERT_TRUE(response_);
  EXPECT_EQ(*response_,
            R"({"data":{"sync":null},"errors":[{"message":"Cannot return null for non-nullable field Item.nonNullName.",)"
            R"("locations":[{"line":1,"column":25}],"path":["sync","nonNullName"]}]})");
}

TEST_F(execute_async, DroppedCompleterFailsTheField) {
  ASSERT_TRUE(resolvers_->bind("Item", "name", [](const field_call& call) {
    return call.defer([](completer) {});  // forgets it
  }));
  start("{ sync { name } }");
  queue_.run_until([&] { return response_.has_value(); });
  EXPECT_EQ(*response_,
            R"({"data":{"sync":{"name":null}},"errors":[{"message":"The resolver did not complete the field.",)"
            R"("locations":[{"line":1,"column":10}],"path":["sync","name"]}]})");
}

TEST_F(execute_async, SecondAnswerIsIgnored) {
  start("{ a { name } }");
  completer done = waiting_.at(0).done;
  done.resolve(props({{"name", "first"}}));
  done.resolve(props({{"name", "second"}}));
  done.fail(field_error("late"));
  waiting_.clear();
  queue_.run_until([&] { return response_.has_value(); });
  EXPECT_EQ(*response_, R"({"data":{"a":{"name":"first"}}})");
  EXPECT_EQ(queue_.size(), 0u);
}

TEST_F(execute_async, InlinePostOnTheExecutionThreadWorks) {
  ASSERT_TRUE(resolvers_->bind("Item", "name", [](const field_call& call) {
    return call.defer([](completer done) { done.resolve("now"); });
  }));
  execution_options options;
  options.post = [](task_fn task) { task(); };
  std::optional<std::string> response;
  execute(must_prepare(resolvers_, "{ sync { name n2: name } }"), "", std::move(options),
          [&](execution_response r) { response = std::move(r.json); });
  ASSERT_TRUE(response);
  EXPECT_EQ(*response, R"({"data":{"sync":{"name":"now","n2":"now"}}})");
}

TEST_F(execute_async, DeferWithoutPostHookIsAFieldError) {
  EXPECT_EQ(run_sync(must_prepare(resolvers_, "{ a { name } }")),
            R"({"data":{"a":null},"errors":[{"message":"This resolver cannot defer its answer.",)"
            R"("locations":[{"line":1,"column":3}],"path":["a"]}]})");
}

}  // namespace
}  // namespace streamhub::graphql::testing
