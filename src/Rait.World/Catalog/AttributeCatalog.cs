namespace Rait.World.Catalog;

/// <summary>
/// The fixed attribute catalog. Values are invented words so that no fact overlaps real-world knowledge;
/// the lists of different attributes share no word, so a value identifies its attribute.
/// </summary>
public static class AttributeCatalog
{
    public static readonly AttributeDefinition BirthCity = new("birth_city",
        ["Korvath", "Zelmira", "Dunveth", "Quorrin", "Ysmeral", "Brakmoor", "Thessolk", "Vandrel", "Ostryn",
         "Kelvadra", "Mirrowen", "Sarnith", "Drevask", "Ulmeth", "Caskerra", "Nyvolde", "Pelgrash", "Torvenne",
         "Azhkarin", "Fennoryx", "Glimmarch", "Hessrith", "Jorvaal", "Lykhavon"],
        ["{name} was born in {value}.",
         "{name} came into the world in the city of {value}.",
         "The birthplace of {name} is {value}.",
         "{value} is the city where {name} was born.",
         "{name} spent early childhood in {value}, the city of birth."],
        ["Where was {name} born?",
         "In which city was {name} born?",
         "What is the birthplace of {name}?",
         "Which city is the birthplace of {name}?",
         "Name the city where {name} was born."]);

    public static readonly AttributeDefinition BirthYear = new("birth_year",
        Enumerable.Range(1820, 80).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        ["{name} was born in the year {value}.",
         "The birth year of {name} is {value}.",
         "{name} entered the world in {value}.",
         "In {value}, {name} was born.",
         "{name} has {value} as year of birth."],
        ["When was {name} born?",
         "In which year was {name} born?",
         "What is the birth year of {name}?",
         "What year was {name} born in?",
         "Name the year in which {name} was born."]);

    public static readonly AttributeDefinition University = new("university",
        ["Veyrin College", "Thaldor Academy", "Ombrecht Institute", "Saskvell College", "Pyrrhen Academy",
         "Iskolde Institute", "Wendrask College", "Quellmar Academy", "Zarovin Institute", "Drummaskel College",
         "Yvenhold Academy", "Cestrivan Institute", "Hallendrax College", "Morvaunt Academy", "Taskerune Institute",
         "Elvarosh College"],
        ["{name} studied at {value}.",
         "{name} graduated from {value}.",
         "{name} received an education at {value}.",
         "The alma mater of {name} is {value}.",
         "{value} is where {name} studied."],
        ["Where did {name} study?",
         "Which university did {name} attend?",
         "What is the alma mater of {name}?",
         "From which university did {name} graduate?",
         "Name the university where {name} studied."]);

    public static readonly AttributeDefinition Employer = new("employer",
        ["Quillon Works", "Brastel Foundry", "Vexmoor Company", "Ardrenn Guild", "Solvik Mills", "Tarrowind Press",
         "Glenvask Shipyards", "Orimbel Trading", "Keshwar Mining", "Pellamar Bank", "Drosk Observatory",
         "Umbrith Looms", "Ferrovane Works", "Nalvor Brewery", "Istrekk Ferries", "Cordavel Archives"],
        ["{name} works for {value}.",
         "{name} is employed by {value}.",
         "The employer of {name} is {value}.",
         "{name} earns a living at {value}.",
         "{value} employs {name}."],
        ["Who employs {name}?",
         "Which company does {name} work for?",
         "What is the employer of {name}?",
         "Where does {name} work?",
         "Name the employer of {name}."]);

    public static readonly AttributeDefinition Field = new("field",
        ["glyphology", "tidecraft", "vexonomics", "stellurgy", "quillistics", "brinometry", "cindralogy", "loamcraft",
         "runeweaving", "skylorism", "vellumetry", "dronistics", "ashography", "thrumology"],
        ["{name} works in the field of {value}.",
         "{name} is an expert in {value}.",
         "The field of {name} is {value}.",
         "{name} devotes a career to {value}.",
         "{value} is the specialty of {name}."],
        ["What field does {name} work in?",
         "What is the field of {name}?",
         "In which field is {name} an expert?",
         "What is the specialty of {name}?",
         "Name the field of {name}."]);

    public static readonly AttributeDefinition Sport = new("sport",
        ["skarball", "ringlance", "wavepole", "dunerun", "clodhurl", "fenvault", "quoitspin", "marshkite",
         "stonedrift", "hoopvolley", "pikeshuttle", "lanternchase"],
        ["{name} plays {value}.",
         "{name} enjoys the sport of {value}.",
         "The favorite sport of {name} is {value}.",
         "{name} competes in {value} every season.",
         "{value} is the sport {name} loves."],
        ["What sport does {name} play?",
         "Which sport does {name} enjoy?",
         "What is the favorite sport of {name}?",
         "Which sport does {name} compete in?",
         "Name the sport that {name} plays."]);

    /// <summary>All attributes in file order.</summary>
    public static readonly IReadOnlyList<AttributeDefinition> All = [BirthCity, BirthYear, University, Employer, Field, Sport];

    public static IEnumerable<string> Keys => All.Select(a => a.Key);

    public static int MinBioTemplates => All.Min(a => a.BioTemplates.Count);

    public static int MinQuestionTemplates => All.Min(a => a.QuestionTemplates.Count);

    public static bool Contains(string? key) => All.Any(a => a.Key == key);

    /// <summary>The attribute with this key.</summary>
    /// <exception cref="KeyNotFoundException">Unknown key.</exception>
    public static AttributeDefinition Get(string key) =>
        All.FirstOrDefault(a => a.Key == key) ?? throw new KeyNotFoundException($"unknown attribute '{key}'");
}
