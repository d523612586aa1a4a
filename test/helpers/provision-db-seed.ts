// Shared by the seeding tests of provision-db (integration, e2e and the benchmark): a template
// with the kinds of objects an app has, and the sanitising SQL that masks it.

/**
 * The template: a schema of its own, tables with a serial and an identity, a partitioned table, a
 * view, a materialized view, a function, a procedure, an aggregate, an enum, a domain, a composite
 * and a range type, a sequence.
 */
export const TEMPLATE_SQL = `
CREATE SCHEMA app;
CREATE TYPE app.plan AS ENUM ('free', 'pro');
CREATE DOMAIN app.email AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE app.users (id serial PRIMARY KEY, email app.email NOT NULL, plan app.plan NOT NULL DEFAULT 'free', api_token text);
CREATE TABLE public.todos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES app.users(id), title text NOT NULL);
CREATE SEQUENCE app.invoice_no;
CREATE VIEW app.user_todos AS SELECT u.email, t.title FROM app.users u JOIN public.todos t ON t.user_id = u.id;
CREATE FUNCTION app.todo_count(uid int) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM public.todos WHERE user_id = uid';
CREATE PROCEDURE app.touch() LANGUAGE sql AS 'SELECT 1';
CREATE AGGREGATE app.total(int) (sfunc = int4pl, stype = int);
CREATE TYPE app.pair AS (a int, b int);
CREATE TYPE app.span AS RANGE (subtype = int4);
CREATE TABLE app.events (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO app.users (email, plan, api_token) SELECT 'person' || i || '@example.com', 'pro', md5(i::text) FROM generate_series(1, 50) i;
INSERT INTO public.todos (user_id, title) SELECT (i % 50) + 1, 'todo ' || i FROM generate_series(1, 200) i;
CREATE MATERIALIZED VIEW app.plan_counts AS SELECT plan, count(*) AS n FROM app.users GROUP BY plan;
`;
/** Masks e-mails and drops tokens. */
export const SANITIZE_SQL = "UPDATE app.users SET email = 'user' || id || '@example.invalid', api_token = NULL;\n";
