#include "gateway/graphiql_page.hpp"

namespace streamhub::gateway {

std::string_view graphiql_page() noexcept {
  static constexpr std::string_view html = R"html(<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>StreamHub GraphiQL</title>
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  <link rel="stylesheet" href="https://unpkg.com/graphiql@3.0.10/graphiql.min.css">
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script crossorigin src="https://unpkg.com/react@18.2.0/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@3.0.10/graphiql.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphql-ws@5.14.2/umd/graphql-ws.min.js"></script>
  <script>
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const fetcher = GraphiQL.createFetcher({
      url: location.origin + '/graphql',
      wsClient: graphqlWs.createClient({ url: scheme + '//' + location.host + '/graphql' }),
    });
    ReactDOM.createRoot(document.getElementById('graphiql'))
      .render(React.createElement(GraphiQL, { fetcher }));
  </script>
</body>
</html>
)html";
  return html;
}

}  // namespace streamhub::gateway
