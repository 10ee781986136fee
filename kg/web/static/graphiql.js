// GraphiQL for kg, from the graphiql 3 UMD build kg serves itself (no CDN, works offline).
(function () {
  "use strict";
  const root = document.getElementById("graphiql");
  const endpoint = root.dataset.endpoint || "/graphql";
  const defaultQuery = [
    "# kg: who does what to whom, with the evidence.",
    "# Mutations need the API key: Headers → {\"X-API-Key\": \"...\"}",
    "{",
    "  stats { actors events documents claims relations }",
    "  actors(first: 5) {",
    "    edges {",
    "      node {",
    "        id name kind",
    "        relations(first: 3) {",
    "          edges {",
    "            node {",
    "              type subject { name } object { name } documentCount",
    "              evidence(first: 1) { text date document { title } }",
    "            }",
    "          }",
    "        }",
    "      }",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");
  const fetcher = GraphiQL.createFetcher({ url: new URL(endpoint, window.location.href).toString() });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    })
  );
})();
