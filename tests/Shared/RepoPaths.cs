namespace Rait.Tests;

/// <summary>Locates the repository root and the shared fixtures (../shared relative to the root).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Directory.Packages.props) not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootLazy.Value;

    /// <summary>The shared fixture folder, ../shared from the repository root.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Fixture(params string[] parts) => Path.Combine([Shared, "fixtures", .. parts]);

    public static string Data(params string[] parts) => Path.Combine([Shared, "data", .. parts]);

    /// <summary>A fresh temporary directory, deleted by the caller or left for the OS.</summary>
    public static string NewTempDir(string prefix = "rait-test")
    {
        var d = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }
}
