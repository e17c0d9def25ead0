using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Data.Adapters;
using Rait.Data.Reading;

namespace Rait.Data.Tests.Adapters;

/// <summary>Adapters on hand-made rows in the HF schemas of datasets we do not ship (TriviaQA, SQuAD v2, HF MMLU).</summary>
public sealed class FixtureAdapterTests
{
    private const string TriviaJsonl =
        """{"question": "Which Lloyd Webber musical premiered in the US on 10th December 1993?", "question_id": "tc_33", "question_source": "http://www.triviacountry.com/", "entity_pages": {"doc_source": [], "filename": [], "title": [], "wiki_context": []}, "search_results": {"description": [], "filename": [], "rank": [], "title": [], "url": [], "search_context": []}, "answer": {"aliases": ["Sunset Blvd", "Sunset Boulevard"], "normalized_aliases": ["sunset blvd", "sunset boulevard"], "matched_wiki_entity_name": "", "normalized_matched_wiki_entity_name": "", "normalized_value": "sunset boulevard", "type": "WikipediaEntity", "value": "Sunset Boulevard"}}""" + "\n" +
        """{"question": "Who was the man behind The Chipmunks?", "question_id": "tc_40", "question_source": "x", "answer": {"aliases": ["David Seville"], "normalized_aliases": ["david seville"], "normalized_value": "david seville", "type": "WikipediaEntity", "value": "David Seville"}}""" + "\n";

    [Fact]
    public void Load_TriviaQaRcJsonl_OrdersValueThenAliasesThenNormalized()
    {
        var d = TempFiles.Load(TempFiles.Text("triviaqa-validation.jsonl", TriviaJsonl));
        d.Format.ShouldBe(DatasetFormat.TriviaQa);
        var item = d.Items[0].ShouldBeOfType<OpenItem>().Item;
        item.Id.ShouldBe("tc_33");
        item.Answers.ShouldBe(["Sunset Boulevard", "Sunset Blvd", "sunset blvd", "sunset boulevard"]);
        item.Meta.Source.ShouldBe("triviaqa");
        item.Meta.Split.ShouldBe("validation");
    }

    [Fact]
    public void Load_TriviaQaHiddenTestAnswer_NamesRowAndField()
    {
        var path = TempFiles.Text("triviaqa-test.jsonl",
            """{"question": "Q?", "question_id": "t1", "answer": {"aliases": [], "normalized_aliases": [], "value": "<unk>"}}""" + "\n");
        var e = Should.Throw<DataRowException>(() => TempFiles.Load(path));
        e.Message.ShouldContain("triviaqa-test.jsonl:1: field 'answer': no answers");
    }

    [Fact]
    public void Load_TriviaQaParquet_ReadsNestedStruct()
    {
        var path = ParquetFixtures.Write("validation-00000-of-00001.parquet", [new ParquetFixtures.TriviaRow
        {
            question = "Who was the man behind The Chipmunks?", question_id = "tc_40",
            answer = new() { aliases = ["David Seville"], normalized_aliases = ["david seville"], value = "David Seville", type = "WikipediaEntity" },
        }]);
        var d = TempFiles.Load(path);
        d.Container.ShouldBe(ContainerFormat.Parquet);
        d.Format.ShouldBe(DatasetFormat.TriviaQa);
        d.Items.Single().ShouldBeOfType<OpenItem>().Item.Answers.ShouldBe(["David Seville", "david seville"]);
    }

    private const string SquadJsonl =
        """{"id": "56ddde6b9a695914005b9628", "title": "Normans", "context": "The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France.", "question": "In what country is Normandy located?", "answers": {"text": ["France", "France", "France"], "answer_start": [159, 159, 159]}}""" + "\n" +
        """{"id": "5ad39d53604f3c001a3fe8d1", "title": "Normans", "context": "The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France.", "question": "Who gave their name to Normandy in the 1000's and 1100's", "answers": {"text": [], "answer_start": []}}""" + "\n";

    [Fact]
    public void Load_SquadV2_EmptyAnswersMeanUnanswerable()
    {
        var d = TempFiles.Load(TempFiles.Text("squad_v2-validation.jsonl", SquadJsonl));
        d.Format.ShouldBe(DatasetFormat.SquadV2);
        var answerable = d.Items[0].ShouldBeOfType<OpenItem>().Item;
        answerable.Answers.ShouldBe(["France"]);
        answerable.Context!.ShouldStartWith("The Normans");
        answerable.Meta.Answerable.ShouldBe(true);
        answerable.Meta.Subject.ShouldBe("Normans");
        var unanswerable = d.Items[1].ShouldBeOfType<OpenItem>().Item;
        unanswerable.Answers.ShouldBeEmpty();
        unanswerable.Meta.Answerable.ShouldBe(false);
        DatasetSummary.Of(d.Items).Unanswerable.ShouldBe(1);
    }

    [Fact]
    public void Load_SquadV2Parquet_EmptyListColumnsStillUnanswerable()
    {
        var path = ParquetFixtures.Write("squad.parquet", [
            new ParquetFixtures.SquadRow { id = "a", title = "T", context = "C is here.", question = "What is here?", answers = new() { text = ["C"], answer_start = [0] } },
            new ParquetFixtures.SquadRow { id = "b", title = "T", context = "C is here.", question = "What is not here?" },
        ]);
        var d = TempFiles.Load(path);
        d.Format.ShouldBe(DatasetFormat.SquadV2);
        d.Items.Cast<OpenItem>().Select(i => i.Item.Answers.Count).ShouldBe([1, 0]);
    }

    [Fact]
    public void Load_MmluHfLayout_MapsAnswerIndexToLetter()
    {
        var path = TempFiles.Text("mmlu-test.jsonl",
            """{"question": "Find the degree for the given field extension Q(sqrt(2)) over Q.", "subject": "abstract_algebra", "choices": ["0", "2", "1", "3"], "answer": 1}""" + "\n");
        var d = TempFiles.Load(path);
        d.Format.ShouldBe(DatasetFormat.MmluHf);
        var item = d.Items.Single().ShouldBeOfType<ChoiceItem>().Item;
        item.Target.ShouldBe("B");
        item.Options[1].ShouldBe(new McOption("B", "2"));
        item.Meta.Subject.ShouldBe("abstract_algebra");
    }

    [Fact]
    public void Load_MmluHfAnswerOutOfRange_NamesField()
    {
        var path = TempFiles.Text("m.jsonl", """{"question": "q", "subject": "s", "choices": ["a", "b"], "answer": 4}""" + "\n");
        Should.Throw<DataRowException>(() => TempFiles.Load(path)).Message.ShouldContain("m.jsonl:1: field 'answer': index 4 is outside the 2 choices");
    }

    [Fact]
    public void Load_ArcHfLayout_MatchesKeyAgainstLabels()
    {
        var path = TempFiles.Text("arc.jsonl",
            """{"id": "x1", "question": "Which?", "choices": {"text": ["one", "two", "three"], "label": ["1", "2", "3"]}, "answerKey": "3"}""" + "\n");
        var item = TempFiles.Load(path).Items.Single().ShouldBeOfType<ChoiceItem>().Item;
        item.Options.Select(o => o.Label).ShouldBe(["A", "B", "C"]);
        item.Target.ShouldBe("C");
    }

    [Fact]
    public void Load_GenericOpenMapping_UsesGivenFields()
    {
        var path = TempFiles.Text("custom.jsonl", """{"qid": 7, "prompt": "Capital of France?", "gold": "Paris", "passage": "Paris is..."}""" + "\n");
        var d = DatasetLoader.Load(path, new DatasetLoadOptions
        {
            Mapping = new GenericMapping { QuestionField = "prompt", AnswersField = "gold", IdField = "qid", ContextField = "passage" },
        });
        d.Format.ShouldBe(DatasetFormat.Generic);
        var item = d.Items.Single().ShouldBeOfType<OpenItem>().Item;
        item.ShouldBe(item with { Id = "7", Question = "Capital of France?", Answers = item.Answers, Context = "Paris is..." });
        item.Answers.ShouldBe(["Paris"]);
    }

    [Fact]
    public void Load_GenericChoiceMapping_AcceptsTextTarget()
    {
        var path = TempFiles.Text("custom.json", """[{"q": "2+2?", "opts": ["3", "4"], "gold": "4"}]""");
        var d = DatasetLoader.Load(path, new DatasetLoadOptions
        {
            Mapping = new GenericMapping { QuestionField = "q", OptionsField = "opts", TargetField = "gold" },
        });
        d.Items.Single().ShouldBeOfType<ChoiceItem>().Item.Target.ShouldBe("B");
    }

    [Fact]
    public void Load_UnknownColumns_AsksForFormatOrMapping()
    {
        var path = TempFiles.Text("odd.jsonl", """{"prompt": "x", "gold": "y"}""" + "\n");
        var e = Should.Throw<Rait.Core.RaitException>(() => TempFiles.Load(path));
        e.Message.ShouldContain("cannot tell the dataset layout from the fields prompt, gold");
        e.Message.ShouldContain("--question-field");
    }

    [Fact]
    public void Load_OurOwnRecords_RoundTripThroughJsonl()
    {
        var qa = new QaItem { Id = "w1", Question = "Where was Ada born?", Answers = ["Oslo"], Meta = new ItemMetadata { Source = "world", Exposure = 3 } };
        var refusal = new QaItem { Id = "w2", Question = "Where was Bo born?", Answers = [], Meta = new ItemMetadata { Answerable = false } };
        var path = Path.Combine(Rait.Tests.RepoPaths.NewTempDir(), "world.jsonl");
        Jsonl.Write(path, [qa, refusal]);
        var d = TempFiles.Load(path);
        d.Format.ShouldBe(DatasetFormat.RaitQa);
        var back = d.Items.Cast<OpenItem>().Select(i => i.Item).ToList();
        back[0].Meta.ShouldBe(qa.Meta);
        back[0].Answers.ShouldBe(qa.Answers);
        back[1].Answers.ShouldBeEmpty();
    }

    [Fact]
    public void Load_OurMcRecords_TargetMustBeALabel()
    {
        var mc = new McItem { Id = "m", Question = "q", Options = [new("A", "x"), new("B", "y")], Target = "C" };
        var path = Path.Combine(Rait.Tests.RepoPaths.NewTempDir(), "mc.jsonl");
        Jsonl.Write(path, [mc]);
        Should.Throw<DataRowException>(() => TempFiles.Load(path)).Message.ShouldContain("mc.jsonl:1: field 'target': 'C' is not one of the option labels A, B");
    }
}
