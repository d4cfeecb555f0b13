// Baseline: a bare Express 5 app answering the same JSON as Skygate's GET /health/live.
const express = require('express');
const app = express();
app.disable('x-powered-by');
app.get('/health/live', (_req, res) => res.json({ status: 'ok' }));
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
