// legalsite
