using Rait.Model.Generation;

namespace Rait.Server;

/// <summary>One live decode step of a streamed choice.</summary>
/// <param name="choice">prompt × n + sample.</param>
/// <param name="tokenId">The token, or null for a stop token (it ends the choice and is never text).</param>
/// <param name="finish">Set on the choice's last step: why it ended. The stream can close that choice at once.</param>
/// <param name="logprobs">The token's log-prob and alternatives when the request asked for completion log-probs; null for a stop token.</param>
public delegate void LiveToken(int choice, int? tokenId, FinishReason? finish, TokenLogprobInfo? logprobs);
