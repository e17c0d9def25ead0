namespace Rait.Core;

/// <summary>
/// A user-facing error: bad input, a missing file, an invalid option. The CLI prints its message
/// (which names the file, line or field and what was expected) and exits non-zero, without a stack trace.
/// </summary>
public class RaitException : Exception
{
    public RaitException(string message) : base(message) { }
    public RaitException(string message, Exception inner) : base(message, inner) { }
}
