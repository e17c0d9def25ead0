namespace Rait.Evaluation.Tests.Browser;

/// <summary>One headless Chromium shared by the tests of a class; a failed start is reported by every test that needs it.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private HeadlessChromium? _browser;
    private InvalidOperationException? _startError;

    internal HeadlessChromium Browser => _browser ?? throw new InvalidOperationException(_startError?.Message ?? "Chromium was not started.", _startError);

    public async Task InitializeAsync()
    {
        try
        {
            _browser = await HeadlessChromium.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            // Kept for the tests to throw: a missing browser must fail them with this message, never skip them.
            _startError = e;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
    }
}
