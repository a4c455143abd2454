"""What the PyTorch baselines share: lightly 1.2.28's SimCLR transforms as torchvision per-image transforms, a
Dataset giving two views of each uint8 image, and NT-Xent. Copied beside pytorch_epoch.py and
torchvision_baseline.py in the benchmark outputs."""
import torch
import torch.nn.functional as F
import torchvision.transforms as T


class TwoViews(torch.utils.data.Dataset):
    def __init__(self, images, size):
        self.images = images
        s = 0.5
        self.transform = T.Compose([
            T.RandomResizedCrop(size, scale=(0.08, 1.0), antialias=True),
            T.RandomHorizontalFlip(0.5),
            T.RandomApply([T.ColorJitter(0.8 * s, 0.8 * s, 0.8 * s, 0.2 * s)], p=0.8),
            T.RandomGrayscale(0.2),
            T.RandomApply([T.GaussianBlur(int(0.1 * size) // 2 * 2 + 1, sigma=(0.1, 2.0))], p=0.5),
            T.ConvertImageDtype(torch.float32),
            T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
        ])

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        image = self.images[i]
        return self.transform(image), self.transform(image)


def ntxent(a, b, t=0.5):
    n = a.shape[0]
    z = F.normalize(torch.cat([a, b]), dim=1)
    s = z @ z.t() / t
    s = s.masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
    return F.cross_entropy(s, torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]))
