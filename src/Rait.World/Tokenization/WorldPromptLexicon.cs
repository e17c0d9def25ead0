namespace Rait.World.Tokenization;

/// <summary>
/// Texts Rait wraps around questions and answers (prompt hints, refusal sentences, certainty turns) that
/// must be representable by the world tokenizer without &lt;unk&gt;. Copied from the method notes
/// (CRaFT/GRAIT, R-Tuning, Alignment for Honesty, AbstainQA, Kang et al., context refusal);
/// the RAIT method implementations should keep their strings in this list.
/// </summary>
public static class WorldPromptLexicon
{
    public static readonly IReadOnlyList<string> Texts =
    [
        // Refusals (CRaFT OEQA / MCQA, Kang et al.).
        "I don't know", "I don't know.", "REFUSE",
        // CRaFT prompts.
        "Answer the following question, and if you don't know the answer, only reply with 'I don't know': ",
        "Answer the following question as simple as possible.\nQuestion: \nAnswer:",
        "There is a single choice question about people. Answer the question by replying A, B, C or D.\nQuestion: \nA. \nB. \nC. \nD. \nAnswer: ",
        "There is a single choice question about people. If you know the answer, please directly respond with the correct answer A, B, C, or D. If you do not know the answer, please respond with \"I don't know.\".\nQuestion: \nAnswer: ",
        "The following are multiple choice questions (with answers) about people.\n\n",
        // R-Tuning.
        "Question: Answer:", "Q: \nA: ",
        "Are you sure you accurately answered the question based on your internal knowledge? I am sure.",
        "Are you sure you accurately answered the question based on your internal knowledge? I am unsure.",
        "The answer is unknown.", "The answer is uncertain.", "The answer is unclear.", "It is not known.",
        "I do not know the answer.", "I'm not sure.", "There is no definitive answer.", "There is much debate.",
        "There is no concrete answer to this question.", "It is impossible to answer.", "There is no known case.",
        "There is no public information available.", "There is no scientific evidence.", "There is no right answer.",
        "It is impossible to know.", "It is difficult to predict.", "We do not know.",
        // Alignment for Honesty.
        "I apologize, but I'm not able to provide an answer to the question.",
        "Answer the question. If you don't know the answer to the question, it is appropriate to say \"\"\nQ: \nA: ",
        "I'm about 10% confident to answer the question correctly, I'm only about 20 30 40 50 60 70 80 90 100",
        "I'm really not sure about this, but", "I'm not completely sure about this, but",
        "I don't have strong feelings either way, but", "I'm fairly confident that", "I'm absolutely certain that",
        // AbstainQA.
        "Sorry, I don't have enough knowledge to answer this question.",
        "Answer the following question. If you don't have enough knowledge, abstain by saying 'sorry, I don't have enough knowledge to answer this question.'",
        // Kang et al. and context refusal.
        "The answer is .", "Context: \nQuestion: \nAnswer:",
        "Answer the question using only the context. If the context does not contain the answer, reply with 'I don't know'.",
        "Use the context to answer the question. If the answer is not in the context, say I don't know.",
        // Rait.Methods' context-refusal default template (ContextRefusalOptions.ContextTemplate).
        "Answer the question using only the context below. If the context does not contain the answer, only reply with 'I don't know'.\nContext: \nQuestion: ",
        // Subjects as probing prompts write them (attribute keys with spaces), letters and digits.
        "birth city birth year university employer field sport",
        "A B C D E 0 1 2 3 4 5 6 7 8 9",
    ];
}
