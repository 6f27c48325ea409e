// @ts-check
// `pnpm --filter @earful/example-node-receiver start`: a receiver on http://127.0.0.1:8787/feedback.
import { startReceiver } from './receiver.js';

const receiver = await startReceiver({
  db: process.env.EARFUL_DB ?? './feedback.db',
  port: Number(process.env.PORT ?? 8787),
  origins: (process.env.EARFUL_ORIGINS ?? 'http://localhost:5173').split(','),
  webhookUrl: process.env.EARFUL_WEBHOOK_URL,
  webhookSecret: process.env.EARFUL_WEBHOOK_SECRET,
});
console.log(`POST responses to ${receiver.endpoint}`);
process.on('SIGINT', () => receiver.close().then(() => process.exit(0)));
