using Rait.Tests;

namespace Rait.Data.Tests;

/// <summary>Writes small hand-made input files into a fresh temp folder.</summary>
internal static class TempFiles
{
    public static string Text(string name, string content)
    {
        var path = Path.Combine(RepoPaths.NewTempDir("rait-data"), name);
        File.WriteAllText(path, content);
        return path;
    }

    public static string Bytes(string name, byte[] content)
    {
        var path = Path.Combine(RepoPaths.NewTempDir("rait-data"), name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static LoadedDataset Load(string path, Rait.Data.Adapters.DatasetFormat? format = null, bool skip = false) =>
        DatasetLoader.Load(path, new DatasetLoadOptions { Format = format, SkipBadRows = skip });
}
