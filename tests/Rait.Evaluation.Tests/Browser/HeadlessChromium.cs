using System.Diagnostics;
using Rait.Tests;
using System.Text;
using System.Text.Json;

namespace Rait.Evaluation.Tests.Browser;

/// <summary>
/// A headless Chromium process with networking features off and a fresh profile, driven over the DevTools
/// protocol (port chosen by the browser, read from DevToolsActivePort in the profile folder).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] ExecutableNames = ["chromium", "chromium-browser", "google-chrome"];

    // Without the background-networking flags a closed network stalls start-up on update and sync requests.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
        "--remote-debugging-port=0", "--remote-allow-origins=*",
    ];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Collects what the page reports, in the page itself (one JSON string).</summary>
    private const string DomProbe = """
        JSON.stringify({
          title: document.title,
          figures: document.querySelectorAll('figure').length,
          placeholders: document.querySelectorAll('figure .placeholder').length,
          svgs: [...document.querySelectorAll('figure svg')].map(s => {
            const r = s.getBoundingClientRect();
            return { figure: s.closest('figure').id, width: r.width, height: r.height, texts: s.querySelectorAll('text').length };
          }),
          resources: performance.getEntriesByType('resource').map(e => e.name),
          width: document.documentElement.scrollWidth,
          height: document.documentElement.scrollHeight
        })
        """;

    private readonly Process _process;
    private readonly string _profileDir;
    private readonly StringBuilder _stderr = new();
    private int _port;

    private HeadlessChromium(Process process, string profileDir)
    {
        _process = process;
        _profileDir = profileDir;
    }

    /// <summary>The first Chromium executable on PATH, or null.</summary>
    public static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => ExecutableNames.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Starts the browser and waits for its DevTools endpoint.</summary>
    /// <exception cref="InvalidOperationException">Chromium is not installed or did not start (message says which).</exception>
    public static async Task<HeadlessChromium> StartAsync()
    {
        var exe = FindExecutable() ?? throw new InvalidOperationException(
            "Chromium not found on PATH (looked for " + string.Join(", ", ExecutableNames) + "). The report rendering test needs it: "
            + "install the Debian packages chromium and chromium-driver (.ci/run does this) and run the tests again.");
        var profile = RepoPaths.NewTempDir("rait-chromium");
        var start = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var flag in Flags) start.ArgumentList.Add(flag);
        start.ArgumentList.Add("--user-data-dir=" + profile);
        start.ArgumentList.Add("about:blank");
        var browser = new HeadlessChromium(Process.Start(start) ?? throw new InvalidOperationException($"{exe} did not start."), profile);
        browser._process.ErrorDataReceived += (_, e) => { lock (browser._stderr) browser._stderr.AppendLine(e.Data); };
        browser._process.OutputDataReceived += (_, _) => { };
        browser._process.BeginErrorReadLine();
        browser._process.BeginOutputReadLine();
        browser._port = await browser.WaitForPortAsync();
        return browser;
    }

    private async Task<int> WaitForPortAsync()
    {
        var portFile = Path.Combine(_profileDir, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} during start-up:\n{Stderr()}");
            // The browser writes "port\n/devtools/browser/<id>"; a half-written file has no newline yet.
            if (File.Exists(portFile) && File.ReadAllText(portFile) is var text && text.Contains('\n', StringComparison.Ordinal))
                return int.Parse(text[..text.IndexOf('\n', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"Chromium wrote no DevToolsActivePort within {StartTimeout.TotalSeconds} s:\n{Stderr()}");
    }

    /// <summary>Loads <paramref name="htmlPath"/> at the given viewport width and reports errors, DOM facts and a full-page screenshot.</summary>
    public async Task<PageRender> RenderAsync(string htmlPath, int width = 1200)
    {
        await using var page = await DevToolsSession.ConnectAsync(await PageSocketAsync());
        await page.SendAsync("Runtime.enable");
        await page.SendAsync("Log.enable");
        await page.SendAsync("Page.enable");
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width, height = 900, deviceScaleFactor = 1, mobile = false });
        page.ClearEvents();
        var navigation = await page.SendAsync("Page.navigate", new { url = new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri });
        if (navigation.TryGetProperty("errorText", out var navError))
            throw new InvalidOperationException($"Chromium could not open {htmlPath}: {navError.GetString()}");
        await page.WaitForEventAsync("Page.loadEventFired");

        var probe = await page.SendAsync("Runtime.evaluate", new { expression = DomProbe, returnByValue = true });
        var dom = JsonSerializer.Deserialize<PageDom>(probe.GetProperty("result").GetProperty("value").GetString()!)!;
        var shot = await page.SendAsync("Page.captureScreenshot", new
        {
            format = "png",
            captureBeyondViewport = true,
            clip = new { x = 0, y = 0, width = dom.Width, height = dom.Height, scale = 1 },
        });
        return new PageRender(PageErrors.From(page.Events), dom, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private async Task<Uri> PageSocketAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/"), Timeout = StartTimeout };
        using var targets = JsonDocument.Parse(await http.GetStringAsync("json/list"));
        var page = targets.RootElement.EnumerateArray().FirstOrDefault(t => t.GetProperty("type").GetString() == "page");
        if (page.ValueKind != JsonValueKind.Object) throw new InvalidOperationException("Chromium lists no page target.");
        return new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!);
    }

    private string Stderr()
    {
        lock (_stderr) return _stderr.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_profileDir, recursive: true); }
        catch (IOException) { /* a renderer may still hold a lock file; the temp folder is left for the OS */ }
    }
}
