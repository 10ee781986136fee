"""What kg serves to people: the map page at ``/``, GraphiQL at ``/graphql`` and Neo4j Browser's
style and guide, all from files kg serves itself (front-end packages from npm, no CDN)."""
