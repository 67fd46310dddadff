"""Issue 21: how far one common configuration of an *offline* segmentation gets on the 13 averaged TCPD series when
it is chosen in hindsight on those very series — optimal partitioning of mean / line / AR(1) / AR(1)+line segments,
sigma^2 known (the robust residual variance of one global fit: the plot's scale, which no online detector has), the
penalty k*log(n) over a grid of k and minimum segment lengths 2, 3, 5, 10. Prints the best F1 and the best cover
over every configuration, and the configuration of each: an upper reference for any single default of that family
(the same family run online can only do worse: it sees less), not a proof for every detector.

    python3 hindsight.py            # ~2 minutes
"""
from reg import *
def robvar(r): return (1.4826*np.median(np.abs(r-np.median(r))))**2+1e-12
def glob_s2(z,kind):
    X,Y=design(z,kind); b=np.linalg.lstsq(X,Y,rcond=None)[0]; return robvar(Y-X@b)
results=[]
for kind in ["mean","lin","ar1","ar1lin"]:
    for minseg in [2,3,5,10]:
        for k in [1,1.5,2,3,4,6,8,11,16,23,32,45,64]:
            def m(y,k=k,kind=kind,minseg=minseg):
                z=(y-np.mean(y))/np.std(y)
                return opreg(z,kind,k*np.log(len(y)),minseg=minseg,cost="known",s2=glob_s2(z,kind))
            f,c=score(m)
            results.append((f,c,kind,minseg,k))
            print(f"{kind:7s} minseg {minseg:2d} k {k:5.1f}: F1 {f:.3f} cover {c:.3f}", flush=True)
bf=max(results); bc=max(results,key=lambda r:r[1])
print(f"best F1 {bf[0]:.3f} (cover {bf[1]:.3f}): {bf[2]} minseg {bf[3]} k {bf[4]}")
print(f"best cover {bc[1]:.3f} (F1 {bc[0]:.3f}): {bc[2]} minseg {bc[3]} k {bc[4]}")
print(f"configurations {len(results)}; with F1 >= 0.78: {sum(r[0]>=0.78 for r in results)}; with both F1 >= 0.78 and cover >= 0.72: {sum(r[0]>=0.78 and r[1]>=0.72 for r in results)}")
