// Checks a running `rait serve` with the official openai package. Env: OPENAI_BASE_URL (…/v1), OPENAI_API_KEY, RAIT_MODEL.
// Exits non-zero with a message on the first failed check; prints one JSON summary line on success.
import OpenAI from "openai";

const baseURL = process.env.OPENAI_BASE_URL;
const model = process.env.RAIT_MODEL;
if (!baseURL || !model) {
  console.error("set OPENAI_BASE_URL and RAIT_MODEL");
  process.exit(2);
}
const client = new OpenAI({ baseURL, apiKey: process.env.OPENAI_API_KEY ?? "none", maxRetries: 0 });

function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
}

const messages = [{ role: "user", content: "Once upon a time" }];

// 1. Plain chat, greedy.
const chat = await client.chat.completions.create({ model, messages, max_tokens: 8, temperature: 0 });
const text = chat.choices[0].message.content;
check(chat.object === "chat.completion", "object is chat.completion");
check(typeof text === "string" && text.length > 0, "non-empty content");
check(["stop", "length"].includes(chat.choices[0].finish_reason), "finish_reason");
check(chat.usage.total_tokens === chat.usage.prompt_tokens + chat.usage.completion_tokens, "usage adds up");

// 2. Streaming: the deltas concatenate to the same greedy text, usage arrives last.
const stream = await client.chat.completions.create({
  model, messages, max_tokens: 8, temperature: 0, stream: true, stream_options: { include_usage: true },
});
let streamed = "";
let finish = null;
let usage = null;
for await (const chunk of stream) {
  for (const c of chunk.choices) {
    streamed += c.delta?.content ?? "";
    if (c.finish_reason) finish = c.finish_reason;
  }
  if (chunk.usage) usage = chunk.usage;
}
check(streamed === text, `streamed text ${JSON.stringify(streamed)} equals ${JSON.stringify(text)}`);
check(finish === chat.choices[0].finish_reason, "stream finish_reason");
check(usage && usage.completion_tokens === chat.usage.completion_tokens, "stream usage");

// 3. Logprobs with alternatives.
const lp = await client.chat.completions.create({ model, messages, max_tokens: 8, temperature: 0, logprobs: true, top_logprobs: 3 });
const content = lp.choices[0].logprobs.content;
check(content.length === lp.usage.completion_tokens, "one logprob entry per completion token");
for (const t of content) {
  check(t.logprob <= 0, "logprob <= 0");
  check(t.top_logprobs.length === 3, "3 alternatives");
  check(Math.abs(t.top_logprobs[0].logprob - t.logprob) < 1e-4, "greedy token is the top alternative");
}

// 4. Errors surface as typed API errors.
let status = 0;
try {
  await client.chat.completions.create({ model: "no-such-model", messages });
} catch (e) {
  status = e.status;
}
check(status === 404, "unknown model gives 404");

console.log(JSON.stringify({ ok: true, text, streamed_chunks: streamed.length, logprob_tokens: content.length }));
