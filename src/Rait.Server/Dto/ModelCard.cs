namespace Rait.Server.Dto;

/// <summary>One served model; <c>max_model_len</c> as vLLM reports it.</summary>
public sealed record ModelCard(string Id, long Created, string OwnedBy, int MaxModelLen)
{
    public string Object => "model";
}
