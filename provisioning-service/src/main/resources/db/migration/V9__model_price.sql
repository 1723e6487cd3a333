-- What the model provider charges, in USD per million tokens, as the supervisor stated it at placement: the gateway
-- prices every turn with it (models.providers.<p>.models[0].cost), so monitoring's usage carries a cost and billing
-- can re-bill it. All null: the model is unpriced (the gateway counts tokens at cost 0 and says so).
alter table gateway add column model_price_input_usd       numeric(12, 6);
alter table gateway add column model_price_output_usd      numeric(12, 6);
alter table gateway add column model_price_cache_read_usd  numeric(12, 6);
alter table gateway add column model_price_cache_write_usd numeric(12, 6);
