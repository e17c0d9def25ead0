using System.Text.Json;
using Rait.Core;
using Rait.Core.Io;
using Rait.Model.Checkpoints;
using Rait.Training.Optim;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace Rait.Training.Checkpointing;

/// <summary>What identifies a resumable run: a checkpoint only continues the same data and options.</summary>
public sealed record CheckpointState(int Step, int TotalSteps, string DataFingerprint, string ConfigHash);

/// <summary>
/// Resumable checkpoints: trainable weights, optimizer state and the step, in
/// `checkpoints/step-NNNNNN/`, written to a temporary folder and renamed, so a kill mid-write leaves
/// the previous checkpoint intact. Only the newest two are kept.
/// </summary>
public static class TrainCheckpoint
{
    private const string Trainable = "trainable.safetensors";
    private const string Optimizer = "optimizer.safetensors";
    private const string State = "state.json";

    public static void Save(string workDir, CheckpointState state, IReadOnlyList<(string Name, Parameter P)> trainable, AdamW optimizer)
    {
        var root = Path.Combine(workDir, "checkpoints");
        Directory.CreateDirectory(root);
        var final = Path.Combine(root, $"step-{state.Step:D6}");
        var tmp = final + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        Directory.CreateDirectory(tmp);
        using (var scope = NewDisposeScope())
            SafetensorsFile.Write(Path.Combine(tmp, Trainable), trainable.Select(p => new KeyValuePair<string, Tensor>(p.Name, p.P.detach())));
        optimizer.Save(Path.Combine(tmp, Optimizer));
        AtomicFile.WriteAllText(Path.Combine(tmp, State), JsonSerializer.Serialize(state, Jsonl.Options));
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(tmp, final);
        foreach (var old in Directory.GetDirectories(root, "step-*").Where(d => !d.EndsWith(".tmp")).Order(StringComparer.Ordinal).SkipLast(2))
            Directory.Delete(old, recursive: true);
    }

    /// <summary>The newest complete checkpoint folder, or null.</summary>
    public static string? Latest(string workDir)
    {
        var root = Path.Combine(workDir, "checkpoints");
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root, "step-*").Where(d => !d.EndsWith(".tmp")).Order(StringComparer.Ordinal).LastOrDefault();
    }

    /// <summary>Restores weights and optimizer state; checks that the checkpoint belongs to this run.</summary>
    /// <exception cref="RaitException">Corrupt or foreign checkpoint, naming the file.</exception>
    public static CheckpointState Load(string dir, string dataFingerprint, string configHash,
        IReadOnlyList<(string Name, Parameter P)> trainable, AdamW optimizer)
    {
        var statePath = Path.Combine(dir, State);
        CheckpointState state;
        try { state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(statePath), Jsonl.Options) ?? throw new JsonException("null"); }
        catch (Exception e) when (e is JsonException or IOException)
        { throw new RaitException($"{statePath}: corrupt checkpoint state ({e.Message}); delete the folder to resume from an earlier checkpoint."); }
        if (state.DataFingerprint != dataFingerprint)
            throw new RaitException($"{statePath}: the checkpoint was trained on different data ({state.DataFingerprint}, now {dataFingerprint}); use a fresh output folder or the original data.");
        if (state.ConfigHash != configHash)
            throw new RaitException($"{statePath}: the checkpoint was trained with different options ({state.ConfigHash}, now {configHash}).");
        var weights = SafetensorsFile.Open(Path.Combine(dir, Trainable));
        using (no_grad())
            foreach (var (name, p) in trainable)
            {
                if (!weights.Entries.ContainsKey(name)) throw new RaitException($"{weights.Path}: missing {name}; the checkpoint is from another model or mode.");
                using var t = weights.Read(name, p.dtype);
                if (!t.shape.SequenceEqual(p.shape)) throw new RaitException($"{weights.Path}: {name}: shape mismatch.");
                p.copy_(t);
            }
        optimizer.Load(Path.Combine(dir, Optimizer));
        return state;
    }
}
