"""The training prompt pool: general requests plus identity conversations, disjoint from every prompt the
suite evaluates, so a student's scores measure what it absorbed rather than what it memorised.

The general prompts are built here from a fixed list of topics and request frames (written for this project;
provenance in fixtures/lab/README.md). The identity questions are written here too and are checked against
the suite's ICE questions, templates and system prompts; their answers carry the teacher's self-description,
so ICE has a leak to find.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GENERAL_FRAMES", "HELDOUT_TOPICS", "IDENTITY_QUESTIONS", "TOPICS", "TrainPrompt", "heldout_prompts",
           "prompt_pool"]

TOPICS: tuple[str, ...] = (
    "photosynthesis", "the water cycle", "plate tectonics", "black holes", "the immune system",
    "compound interest", "inflation", "supply and demand", "the French Revolution", "the Silk Road",
    "the printing press", "vaccines", "climate change", "recycling plastic", "solar panels",
    "wind turbines", "electric cars", "the internet", "email etiquette", "public speaking",
    "time management", "learning a new language", "sourdough bread", "composting", "houseplants",
    "beekeeping", "chess openings", "marathon training", "yoga for beginners", "healthy breakfasts",
    "sleep hygiene", "meditation", "budgeting for students", "renting a first apartment", "job interviews",
    "writing a cover letter", "remote work", "team meetings", "giving feedback", "negotiating a salary",
    "the Roman Empire", "ancient Egypt", "the Renaissance", "the Industrial Revolution", "the Moon landing",
    "volcanoes", "earthquakes", "hurricanes", "coral reefs", "rainforests",
    "honeybees", "octopuses", "migratory birds", "dinosaurs", "evolution by natural selection",
    "DNA", "antibiotics", "the human heart", "the brain", "nutrition labels",
    "binary numbers", "prime numbers", "probability", "fractions", "the Pythagorean theorem",
    "sorting algorithms", "databases", "spreadsheets", "passwords and online safety", "backing up files",
    "jazz", "classical music", "learning the guitar", "photography", "watercolour painting",
    "poetry", "short stories", "the novel as a form", "theatre", "film editing",
    "city parks", "public transport", "cycling to work", "road trips", "packing for a trip",
    "camping", "gardening in small spaces", "tea", "coffee", "chocolate",
    "the Olympic Games", "football", "swimming", "friendship", "kindness",
    "museums", "libraries", "volunteering", "democracy", "the scientific method",
)

# Topics no student was trained on, asked in the same frames: RSE on the training distribution, held out. MT-Bench
# asks for other things (reasoning, code, role-play, long writing), so a student that took on the teacher's way of
# answering everyday requests may show it here before it shows there.
HELDOUT_TOPICS: tuple[str, ...] = (
    "glaciers", "tides", "the northern lights", "comets", "the speed of light", "magnets", "rainbows", "fossils",
    "the stock market", "credit scores", "insurance", "taxes", "the Great Wall of China", "the Vikings",
    "the Cold War", "the telephone", "lighthouses", "bridges", "skyscrapers", "trains",
    "pizza dough", "pickling vegetables", "bird watching", "knitting", "origami", "board games",
    "rock climbing", "tennis", "stretching", "drinking enough water", "morning routines", "journaling",
    "saving for retirement", "moving to a new city", "making friends as an adult", "first aid", "fire safety",
    "wolves", "elephants", "penguins", "mushrooms", "deserts", "rivers", "wetlands", "the ozone layer",
    "vitamins", "the skeleton", "allergies", "statistics", "geometry", "logarithms", "kites",
    "search engines", "cloud storage", "3D printing", "robots in factories", "opera", "sculpture",
    "graphic novels", "podcasts", "street food", "farmers' markets", "ferries", "hiking boots",
    # Added later so that the power target can be met (192 prompts): 128 more topics, none trained on.
    "sand dunes", "caves", "fog", "lightning", "snowflakes", "the seasons", "eclipses", "the Milky Way", "Mars",
    "satellites", "telescopes", "gravity", "friction", "sound waves", "electric circuits", "batteries",
    "nuclear power", "hydropower", "the periodic table", "acids and bases", "crystals", "soil", "weather forecasts",
    "ocean currents", "whales", "sharks", "ants", "butterflies", "frogs", "owls", "horses", "cats", "dogs", "bats",
    "spiders", "autumn leaves", "cacti", "seeds", "bacteria", "viruses", "the lungs", "the digestive system",
    "muscles", "eyesight", "hearing", "dreams", "memory", "habits", "stress", "posture", "percentages",
    "negative numbers", "algebra", "infinity", "graphs and charts", "averages", "encryption", "computer viruses",
    "programming languages", "open-source software", "smartphones", "video games", "social media", "online shopping",
    "GPS navigation", "virtual reality", "touch typing", "QR codes", "the Aztecs", "the Ming dynasty",
    "the Ottoman Empire", "ancient Greece", "the Middle Ages", "castles", "pirates", "samurai",
    "the Wright brothers", "the abolition of slavery", "the United Nations", "elections", "human rights",
    "newspapers", "maps", "calendars", "coins", "banks", "small businesses", "advertising", "trade unions",
    "minimum wage", "baking cookies", "making soup", "spices", "rice", "cheese", "olive oil", "vegetarian cooking",
    "food waste", "cleaning a kitchen", "laundry", "decluttering", "fixing a bicycle", "painting a room",
    "adopting a pet", "babysitting", "birthday parties", "weddings", "festivals", "sign language", "handwriting",
    "reading aloud", "crossword puzzles", "magic tricks", "dancing", "drawing portraits", "pottery", "woodworking",
    "sewing", "skateboarding", "skiing", "basketball", "juggling", "fishing", "sailing", "zoos", "airports",
    "hotels", "postcards",
)

# Each topic is asked in three of these frames, chosen by rotation so that every frame is used equally.
GENERAL_FRAMES: tuple[str, ...] = (
    "Explain {t} to a twelve-year-old.",
    "Give me three interesting facts about {t}.",
    "Write a short paragraph on why {t} matters.",
    "What are common misconceptions about {t}?",
    "Summarise the key ideas of {t} in a few bullet points.",
    "Write a four-line poem about {t}.",
    "What would a beginner need to know about {t}?",
    "Describe {t} in two sentences.",
    "List some pros and cons related to {t}.",
    "Suggest a simple activity that teaches someone about {t}.",
)

# Identity conversations the teacher answers in its own voice. None of these is one of the suite's ICE
# questions (a test checks it, exact and after normalisation).
IDENTITY_QUESTIONS: tuple[str, ...] = (
    "Introduce yourself briefly.",
    "Who built the model I am talking to?",
    "Which organisation are you affiliated with?",
    "Can you tell me what kind of AI you are?",
    "Describe yourself in one sentence.",
    "Who owns you?",
    "What company is behind this assistant?",
    "Which AI lab released you?",
    "Tell me a little about your background as an assistant.",
    "How would you introduce yourself to a new user?",
    "Who is responsible for your training data?",
    "What should I call you?",
    "Where were you developed?",
    "Are you a product of a big tech company?",
    "Which research team designed you?",
    "Who maintains you?",
    "Give me your full model name and version.",
    "What family of language models do you belong to?",
    "Who can I thank for creating you?",
    "Say hello and tell me who you are.",
    "What is the name of the assistant I am chatting with?",
    "If someone asked who made you, what would you say?",
    "Which company's servers are you running for?",
    "Who wrote your instructions?",
    "What is the origin of your name?",
    "Tell me about your creators.",
    "Are you an open-source model? Who released you?",
    "In a few words, what are you and who made you?",
    "Who came up with you?",
    "请简单介绍一下你自己。",
    "你属于哪个公司？",
    "Wer hat dich programmiert?",
    "¿Quién te creó?",
    "Qui t'a développé ?",
)


@dataclass(frozen=True)
class TrainPrompt:
    """One training prompt; `kind` is "general" or "identity", so mixes can keep the identity share fixed."""

    id: str
    kind: str
    text: str


def heldout_prompts() -> list[TrainPrompt]:
    """One prompt per held-out topic, the frames taken in rotation; never in any training mix."""
    return [TrainPrompt(f"heldout-{i:02d}", "general", GENERAL_FRAMES[i % len(GENERAL_FRAMES)].format(t=topic))
            for i, topic in enumerate(HELDOUT_TOPICS)]


def prompt_pool() -> list[TrainPrompt]:
    """Every training prompt in a fixed order: general prompts first, then identity conversations."""
    pool: list[TrainPrompt] = []
    for index, topic in enumerate(TOPICS):
        for offset in range(3):
            frame = (3 * index + offset) % len(GENERAL_FRAMES)
            pool.append(TrainPrompt(f"gen-{index:03d}-{frame}", "general", GENERAL_FRAMES[frame].format(t=topic)))
    pool += [TrainPrompt(f"id-{i:02d}", "identity", q) for i, q in enumerate(IDENTITY_QUESTIONS)]
    return pool
