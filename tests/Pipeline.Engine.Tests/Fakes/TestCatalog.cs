using Pipeline.Engine.Catalog;

namespace Pipeline.Engine.Tests.Fakes;

public static class TestCatalog
{
    public static StageCatalog Create(int textVersion = 1) => new([new TextStage("text", textVersion), new TextStage("other")]);
}
